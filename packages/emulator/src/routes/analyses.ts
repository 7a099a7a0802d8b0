import type { RouteModule } from './define.ts';

export const analysisRoutes: RouteModule = () => [];
