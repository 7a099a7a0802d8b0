// Type tests of the public surface of the object, relationship, search and
// analysis helpers. `expectTypeOf` checks nothing at run time: `npx tsc -p .`
// (npm run typecheck) fails when one of these stops holding.
import { describe, expectTypeOf, it } from 'vitest';
import {
  VtAnalysisTimeoutError,
  VtError,
  VtForbiddenError,
  type Collection,
  type Page,
  type VtAnalysisDescriptor,
  type VtAnalysisResponse,
  type VtClient,
  type VtComment,
  type VtDescriptor,
  type VtDomain,
  type VtFile,
  type VtFileBehaviour,
  type VtIntelligenceResult,
  type VtIpAddress,
  type VtObject,
  type VtRelated,
  type VtResolution,
  type VtSearchResult,
  type VtUrl,
  type VtVote,
} from './index.ts';

type Client = VtClient;

describe('public types', () => {
  it('types object lookups with VT snake_case attributes', () => {
    expectTypeOf<Client['files']['get']>().returns.resolves.toEqualTypeOf<VtFile>();
    expectTypeOf<
      VtFile['attributes']['last_analysis_stats']['malicious']
    >().toEqualTypeOf<number>();
    expectTypeOf<
      VtFile['attributes']['last_analysis_stats']['confirmed-timeout']
    >().toEqualTypeOf<number>();
    expectTypeOf<VtFile['attributes']['popular_threat_classification']>().toBeNullable();
    expectTypeOf<VtFile['type']>().toEqualTypeOf<'file'>();
    expectTypeOf<Client['urls']['get']>().returns.resolves.toEqualTypeOf<VtUrl>();
    expectTypeOf<VtUrl['attributes']['last_analysis_stats']>().not.toHaveProperty('failure');
    expectTypeOf<Client['domains']['get']>().returns.resolves.toEqualTypeOf<VtDomain>();
    expectTypeOf<Client['ipAddresses']['get']>().returns.resolves.toEqualTypeOf<VtIpAddress>();
    expectTypeOf<VtIpAddress['attributes']['asn']>().toEqualTypeOf<number | undefined>();
    // Every typed object still fits the generic VtObject.
    expectTypeOf<VtFile>().toExtend<VtObject>();
    expectTypeOf<VtUrl | VtDomain | VtIpAddress | VtComment | VtVote>().toExtend<VtObject>();
  });

  it('accepts known relationship names and any other string', () => {
    expectTypeOf<Client['files']['related']>().parameter(1).toExtend<string>();
    expectTypeOf<'similar_files'>().toExtend<Parameters<Client['files']['related']>[1]>();
    expectTypeOf<'something_new'>().toExtend<Parameters<Client['files']['related']>[1]>();
    expectTypeOf<'network_location'>().toExtend<Parameters<Client['urls']['relatedOne']>[1]>();
  });

  it('types relationships as full objects, descriptors or one object', () => {
    expectTypeOf<Client['files']['related']>().returns.toEqualTypeOf<Collection<VtRelated>>();
    expectTypeOf<Client['files']['relationship']>().returns.toEqualTypeOf<
      Collection<VtDescriptor>
    >();
    expectTypeOf<Client['urls']['relatedOne']>().returns.resolves.toEqualTypeOf<VtRelated | null>();
    expectTypeOf<Client['domains']['subdomains']>().returns.toEqualTypeOf<
      Collection<VtRelated<VtDomain>>
    >();
    expectTypeOf<Client['domains']['resolutions']>().returns.toEqualTypeOf<
      Collection<VtResolution>
    >();
    // A collection is a promise of its first page and an async iterable of items.
    expectTypeOf<Awaited<Collection<VtRelated>>>().toEqualTypeOf<Page<VtRelated>>();
    expectTypeOf<Collection<VtRelated>>().toExtend<AsyncIterable<VtRelated>>();
  });

  it('narrows a related item with `if (item.error)`', () => {
    const narrow = (item: VtRelated<VtFile>): number => {
      if (item.error) {
        expectTypeOf(item.attributes).toEqualTypeOf<undefined>();
        return 0;
      }
      expectTypeOf(item.attributes.size).toEqualTypeOf<number>();
      return item.attributes.size;
    };
    expectTypeOf(narrow).returns.toEqualTypeOf<number>();
  });

  it('types comments, votes, behaviours and analyses', () => {
    expectTypeOf<Client['files']['comments']>().returns.toEqualTypeOf<Collection<VtComment>>();
    expectTypeOf<Client['urls']['addVote']>()
      .parameter(1)
      .toEqualTypeOf<'harmless' | 'malicious'>();
    expectTypeOf<Client['ipAddresses']['addVote']>().returns.resolves.toEqualTypeOf<VtVote>();
    expectTypeOf<Client['files']['behaviours']>().returns.toEqualTypeOf<
      Collection<VtFileBehaviour>
    >();
    expectTypeOf<
      Client['files']['analyse']
    >().returns.resolves.toEqualTypeOf<VtAnalysisDescriptor>();
    expectTypeOf<Client['analyses']['get']>().returns.resolves.toEqualTypeOf<VtAnalysisResponse>();
    expectTypeOf<Client['analyses']['wait']>().returns.resolves.toEqualTypeOf<VtAnalysisResponse>();
    expectTypeOf<VtAnalysisResponse['data']['attributes']['status']>().toEqualTypeOf<
      'queued' | 'in-progress' | 'completed'
    >();
    expectTypeOf<VtAnalysisResponse['meta']['file_info']>().toEqualTypeOf<
      { sha256: string; sha1: string; md5: string; size: number } | undefined
    >();
    expectTypeOf<Client['analyses']['item']>().returns.resolves.toEqualTypeOf<VtFile | VtUrl>();
  });

  it('types search results by the descriptorsOnly option', () => {
    // Never called: only its types matter.
    const check = (search: Client['search']): void => {
      expectTypeOf(search.query('x')).toEqualTypeOf<Collection<VtSearchResult>>();
      expectTypeOf(search.intelligence('x')).toEqualTypeOf<Collection<VtIntelligenceResult>>();
      expectTypeOf(search.intelligence('x', { descriptorsOnly: true })).toEqualTypeOf<
        Collection<VtDescriptor>
      >();
      expectTypeOf(
        search.intelligence('x', { order: 'size-', descriptorsOnly: false }),
      ).toEqualTypeOf<Collection<VtIntelligenceResult>>();
    };
    expectTypeOf(check).toBeFunction();
  });

  it('exposes error fields', () => {
    expectTypeOf<VtAnalysisTimeoutError>().toExtend<VtError>();
    expectTypeOf<VtAnalysisTimeoutError['analysisId']>().toEqualTypeOf<string>();
    expectTypeOf<VtAnalysisTimeoutError['lastStatus']>().toEqualTypeOf<
      'queued' | 'in-progress' | 'completed' | undefined
    >();
    expectTypeOf<VtAnalysisTimeoutError['waitedMs']>().toEqualTypeOf<number>();
    expectTypeOf<VtForbiddenError['httpStatus']>().toEqualTypeOf<number>();
    expectTypeOf<VtForbiddenError['code']>().toEqualTypeOf<string>();
  });
});
