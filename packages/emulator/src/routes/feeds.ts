import type { RouteModule } from './define.ts';

export const feedRoutes: RouteModule = () => [];
