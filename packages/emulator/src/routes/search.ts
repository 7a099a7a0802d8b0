import type { RouteModule } from './define.ts';

export const searchRoutes: RouteModule = () => [];
