import { parentPort, workerData } from 'node:worker_threads';
import { readHandBack } from './check.js';
import type { HandBackContract } from './contract.js';

/**
 * Reads a hand-back on a worker thread (see off-thread.ts): the contract and
 * the reply come in as workerData, the findings and the reading go back as
 * one message.
 */
const { contract, reply } = workerData as { contract: HandBackContract; reply: { path: string; text: string } };
parentPort!.postMessage(readHandBack(contract, reply));
