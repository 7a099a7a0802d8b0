import type { RouteModule } from './define.ts';

export const behaviourRoutes: RouteModule = () => [];
