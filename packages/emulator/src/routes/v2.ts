import type { RouteModule } from './define.ts';

export const v2Routes: RouteModule = () => [];
