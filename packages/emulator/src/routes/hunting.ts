import type { RouteModule } from './define.ts';

export const huntingRoutes: RouteModule = () => [];
