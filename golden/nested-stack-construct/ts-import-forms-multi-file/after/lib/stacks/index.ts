export * from './queue-stack';
