import type { RouteModule } from './define.ts';

export const resolutionRoutes: RouteModule = () => [];
