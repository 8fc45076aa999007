/**
 * The event catalogue of commands. It is defined in machines/command-events.ts, beside the machines that
 * consume it (machines/ depends on nothing in src/); the service imports it from here.
 */
export * from '../../machines/command-events.js';
