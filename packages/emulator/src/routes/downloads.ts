import type { RouteModule } from './define.ts';

export const downloadRoutes: RouteModule = () => [];
