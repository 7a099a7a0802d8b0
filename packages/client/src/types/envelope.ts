// VT's envelopes (reference §2.1–2.3), kept in VT's own snake_case.

export interface VtLinks {
  self?: string;
  next?: string;
  related?: string;
}

export interface VtErrorInfo {
  code: string;
  message: string;
}

/** `{type, id}`: an object descriptor, with context attributes when the relationship has them. */
export interface VtDescriptor<TType extends string = string> {
  type: TType;
  id: string;
  context_attributes?: Record<string, unknown>;
}

export interface VtRelationship {
  data: VtDescriptor | VtDescriptor[] | null;
  meta?: { cursor?: string; count?: number };
  links?: VtLinks;
}

export interface VtObject<TType extends string = string, TAttributes = Record<string, unknown>> {
  type: TType;
  id: string;
  links?: VtLinks;
  attributes: TAttributes;
  relationships?: Record<string, VtRelationship>;
  context_attributes?: Record<string, unknown>;
  /** Set on items of a full-object relationship list whose object VT does not have. */
  error?: VtErrorInfo;
}

export interface VtSingleResponse<T> {
  data: T;
  meta?: Record<string, unknown>;
}

export interface VtCollectionResponse<T> {
  data: T[];
  meta?: { cursor?: string; count?: number; [key: string]: unknown };
  links?: VtLinks;
}
