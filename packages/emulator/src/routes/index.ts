// Every route module the emulator serves, in one list.
import { analysisRoutes } from './analyses.ts';
import { behaviourRoutes } from './behaviours.ts';
import { commentRoutes } from './comments.ts';
import { privateRoutes } from './private.ts';
import { resolutionRoutes } from './resolutions.ts';
import { controlRoutes } from './control.ts';
import type { RouteModule } from './define.ts';
import { downloadRoutes } from './downloads.ts';
import { feedRoutes } from './feeds.ts';
import { groupRoutes } from './groups.ts';
import { huntingRoutes } from './hunting.ts';
import { metadataRoutes } from './metadata.ts';
import { objectRoutes } from './objects.ts';
import { relationshipRoutes } from './relationships.ts';
import { retrohuntRoutes } from './retrohunt.ts';
import { searchRoutes } from './search.ts';
import { submissionRoutes } from './submissions.ts';
import { userRoutes } from './users.ts';
import { v2Routes } from './v2.ts';

export const allRouteModules: readonly RouteModule[] = [
  objectRoutes,
  relationshipRoutes,
  behaviourRoutes,
  resolutionRoutes,
  commentRoutes,
  searchRoutes,
  submissionRoutes,
  analysisRoutes,
  downloadRoutes,
  privateRoutes,
  retrohuntRoutes,
  huntingRoutes,
  feedRoutes,
  userRoutes,
  groupRoutes,
  metadataRoutes,
  v2Routes,
  controlRoutes,
];
