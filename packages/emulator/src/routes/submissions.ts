import type { RouteModule } from './define.ts';

export const submissionRoutes: RouteModule = () => [];
