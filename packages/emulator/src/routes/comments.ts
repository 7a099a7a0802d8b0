import type { RouteModule } from './define.ts';

export const commentRoutes: RouteModule = () => [];
