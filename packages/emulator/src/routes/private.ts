import type { RouteModule } from './define.ts';

export const privateRoutes: RouteModule = () => [];
