export { createTestApp, type TestApp } from './app.js';
export { createEmptyDatabase, createTestDatabase, testEngine } from './database.js';
