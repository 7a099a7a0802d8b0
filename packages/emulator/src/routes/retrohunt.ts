import type { RouteModule } from './define.ts';

export const retrohuntRoutes: RouteModule = () => [];
