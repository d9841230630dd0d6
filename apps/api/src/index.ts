// The API's public entry point: what tests and benches may start it through.
export { createApp } from './app.factory';
export type { StartedApp } from './app.factory';
export { AppModule } from './app.module';
export type { AppDependencies } from './app.module';
