import { ACTION_STATUSES } from '../actions/actions.read.ts'
import { EXEMPT_PARAGRAPHS, ITEM_PURPOSES, MEETING_KINDS, MEETING_STATUSES } from '../meetings/meetings.read.ts'
import { BODY_KINDS, MEMBERSHIP_ROLES, ORGANISATION_TYPES, REGIMES } from '../structure/structure.read.ts'
import { OGL } from '../../shared/licence.ts'
import { apiPaths } from './api.paths.ts'
import { DEFAULT_LIMIT, MAX_LIMIT } from './api.schemas.ts'

/**
 * The OpenAPI 3.1 document for /api/v1: the one description of every endpoint, parameter, schema and error.
 * The docs page is rendered from it, and the tests validate it and check real responses against its schemas.
 */
type Schema = Record<string, unknown>

const str: Schema = { type: 'string' }
const nullable = (s: Schema): Schema => {
  if (typeof s.type === 'string') return { ...s, type: [s.type, 'null'], ...(Array.isArray(s.enum) ? { enum: [...(s.enum as unknown[]), null] } : {}) }
  return { anyOf: [s, { type: 'null' }] }
}
const uuid: Schema = { type: 'string', format: 'uuid' }
const date: Schema = { type: 'string', format: 'date' }
const dateTime: Schema = { type: 'string', format: 'date-time' }
const time: Schema = { type: 'string', pattern: '^\\d{2}:\\d{2}$', description: 'Wall-clock time in Europe/London, HH:MM' }
const url: Schema = { type: 'string', format: 'uri' }
const int: Schema = { type: 'integer' }
const bool: Schema = { type: 'boolean' }
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
const enumOf = (values: readonly (string | number)[]): Schema => ({ type: typeof values[0] === 'number' ? 'integer' : 'string', enum: [...values] })
const obj = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
})
const list = (item: string): Schema => obj({ data: { type: 'array', items: ref(item) }, links: ref('Links') })

const meetingProps: Record<string, Schema> = {
  id: uuid,
  url,
  bodyId: uuid,
  partnershipId: uuid,
  date: { ...date, description: 'Calendar date in Europe/London' },
  startTime: time,
  endTime: nullable(time),
  venue: nullable(str),
  kind: enumOf(MEETING_KINDS),
  status: enumOf(MEETING_STATUSES),
  cancellationReason: nullable(str),
  movedFrom: nullable(obj({ date, startTime: nullable(time) })),
  agendaPublished: bool,
  minutesPublished: bool,
  version: { ...int, description: 'Send this back as `version` when changing the meeting' },
  updatedAt: dateTime,
}

const summaryItemProps: Record<string, Schema> = {
  id: uuid,
  number: { ...str, description: "The item's number as the body prints it (its numbering scheme)" },
  title: str,
  isSubItem: bool,
  exempt: { ...bool, description: 'Exempt items (and sub-items of one) show only their number, title and Schedule 12A paragraph' },
  exemptParagraph: nullable(enumOf([0, ...EXEMPT_PARAGRAPHS])),
}

const schemas: Record<string, Schema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details (application/problem+json)',
    properties: {
      type: str,
      title: str,
      status: int,
      detail: str,
      errors: { type: 'object', description: 'Field name to message', additionalProperties: str },
    },
    required: ['type', 'title', 'status'],
  },
  Links: obj({
    self: { ...str, description: 'This page (relative URL)' },
    next: nullable({ ...str, description: 'The next page (relative URL), or null on the last page' }),
  }),
  Partnership: obj({
    id: uuid,
    slug: str,
    name: str,
    url,
    summary: nullable(str),
    purpose: nullable(str),
    vision: nullable(str),
    parentPartnershipId: nullable(uuid),
    updatedAt: dateTime,
  }),
  Organisation: obj({
    id: uuid,
    slug: str,
    name: str,
    shortName: nullable(str),
    type: enumOf(ORGANISATION_TYPES),
    website: nullable(str),
    updatedAt: dateTime,
  }),
  Body: obj({
    id: uuid,
    slug: str,
    name: str,
    url,
    partnershipId: uuid,
    kind: enumOf(BODY_KINDS),
    regime: enumOf(REGIMES),
    termsOfReference: nullable(str),
    quorum: nullable(int),
    meetingFrequency: nullable(str),
    accountableToBodyId: nullable(uuid),
    updatedAt: dateTime,
  }),
  Person: obj(
    { id: uuid, honorific: nullable(str), fullName: str, jobTitle: nullable(str), organisationId: nullable(uuid) },
    'Someone who holds or held a seat. Names and public job titles only: never contact details.',
  ),
  Membership: obj({
    id: uuid,
    person: obj({ id: uuid, honorific: nullable(str), fullName: str }),
    bodyId: uuid,
    role: enumOf(MEMBERSHIP_ROLES),
    onBehalfOfOrganisationId: nullable(uuid),
    startsOn: nullable(date),
    endsOn: nullable(date),
    deputyForMembershipId: nullable(uuid),
  }),
  Meeting: obj(meetingProps),
  AgendaItemSummary: obj(summaryItemProps),
  MeetingWithItems: obj({ ...meetingProps, items: { type: 'array', items: ref('AgendaItemSummary') } }),
  Paper: obj({ id: uuid, title: str, filename: str, mediaType: str, sizeBytes: int, downloadUrl: url }),
  ExemptAgendaItem: obj({ ...summaryItemProps, exempt: { const: true }, exemptParagraph: enumOf([0, ...EXEMPT_PARAGRAPHS]) }),
  OpenAgendaItem: obj({
    ...summaryItemProps,
    exempt: { const: false },
    exemptParagraph: { type: 'null' },
    description: nullable({ ...str, description: 'Markdown' }),
    purpose: nullable(enumOf(ITEM_PURPOSES)),
    presenter: nullable(str),
    urgencyReason: nullable(str),
    papers: { type: 'array', items: ref('Paper') },
    minutes: nullable({ ...str, description: 'Markdown; null until the minutes are published' }),
    minutesExcerpt: nullable({
      ...obj({ sourceUrl: nullable(url) }),
      description: 'Set when the minutes are only the start of the text (the page they were imported from cut them short); sourceUrl is where the rest was published, when known',
    }),
    decisions: { type: 'array', items: obj({ id: uuid, text: str }) },
  }),
  AgendaItem: { oneOf: [ref('ExemptAgendaItem'), ref('OpenAgendaItem')] },
  MeetingDetail: obj({
    ...meetingProps,
    body: obj({ id: uuid, name: str, partnershipName: str }),
    papers: {
      type: 'array',
      items: ref('Paper'),
      description: 'Public papers for the meeting as a whole (on no item); empty until the agenda is published',
    },
    items: { type: 'array', items: ref('AgendaItem'), description: 'Empty until the agenda is published' },
  }),
  Document: obj({
    id: uuid,
    meetingId: uuid,
    bodyId: uuid,
    meetingDate: date,
    itemId: nullable(uuid),
    title: str,
    filename: str,
    mediaType: str,
    sizeBytes: int,
    pageCount: nullable(int),
    downloadUrl: url,
    updatedAt: dateTime,
  }),
  Decision: obj({
    id: uuid,
    text: { ...str, description: 'Markdown' },
    itemId: uuid,
    itemTitle: str,
    meetingId: uuid,
    meetingDate: date,
    meetingUrl: url,
    bodyId: uuid,
    updatedAt: dateTime,
  }),
  Action: obj({
    id: uuid,
    bodyId: uuid,
    meetingId: nullable(uuid),
    itemId: nullable(uuid),
    description: { ...str, description: 'Markdown' },
    status: enumOf(ACTION_STATUSES),
    dueOn: nullable(date),
    raisedOn: date,
    completedOn: nullable(date),
    version: int,
    updatedAt: dateTime,
    owners: {
      type: 'array',
      description: 'Who is to do it: people and organisations by name, or a named group. Never contact details.',
      items: obj({ type: enumOf(['person', 'organisation', 'group']), id: nullable(uuid), name: str }),
    },
  }),
  NewAgendaItem: obj({
    id: uuid,
    meetingId: uuid,
    number: str,
    title: str,
    isSubItem: bool,
    parentItemId: nullable(uuid),
    description: nullable(str),
    purpose: nullable(enumOf(ITEM_PURPOSES)),
    presenter: nullable(str),
    exempt: bool,
    exemptParagraph: nullable(int),
    addedAfterPublication: bool,
    version: int,
  }),
  PartnershipList: list('Partnership'),
  OrganisationList: list('Organisation'),
  BodyList: list('Body'),
  PersonList: list('Person'),
  MembershipList: list('Membership'),
  MeetingList: obj({ data: { type: 'array', items: { anyOf: [ref('MeetingWithItems'), ref('Meeting')] } }, links: ref('Links') }),
  DocumentList: list('Document'),
  DecisionList: list('Decision'),
  ActionList: list('Action'),
  ScheduleMeetingRequest: {
    type: 'object',
    properties: {
      date,
      startTime: time,
      endTime: time,
      venue: { ...str, maxLength: 500 },
      contactName: { ...str, maxLength: 200 },
      contactPhone: { ...str, maxLength: 50 },
      contactEmail: { ...str, format: 'email' },
      kind: enumOf(MEETING_KINDS),
      firstItemNumber: { ...int, minimum: 1, description: 'Continuing numbering schemes only' },
    },
    required: ['date', 'startTime', 'kind'],
  },
  UpdateMeetingRequest: {
    type: 'object',
    description: 'Fields sent replace the meeting’s; fields left out keep their value.',
    properties: {
      version: { ...int, minimum: 1, description: 'The version you last read: a stale version is a 409' },
      date,
      startTime: time,
      endTime: time,
      venue: str,
      contactName: str,
      contactPhone: str,
      contactEmail: str,
      kind: enumOf(MEETING_KINDS),
      firstItemNumber: int,
    },
    required: ['version'],
  },
  NewItemRequest: {
    type: 'object',
    properties: {
      title: { ...str, maxLength: 500 },
      description: { ...str, description: 'Markdown' },
      purpose: enumOf(ITEM_PURPOSES),
      presenter: str,
      parentItemId: { ...uuid, description: 'Make it a sub-item of this main item' },
      numberOverride: str,
      isExempt: bool,
      exemptParagraph: { type: 'string', enum: EXEMPT_PARAGRAPHS.map(String), description: 'Required when isExempt' },
      publicInterestReasoning: { ...str, description: 'Required when isExempt' },
      exemptReviewOn: date,
      urgencyReason: { ...str, description: 'Required for a late item on a statutory body' },
    },
    required: ['title'],
  },
  ActionUpdateRequest: {
    type: 'object',
    properties: {
      text: { ...str, description: 'Markdown' },
      statusTo: enumOf(ACTION_STATUSES),
      version: { ...int, description: "The action's version: checked when the status changes" },
      reportedAtMeetingId: uuid,
      clearedAtMeetingId: uuid,
      droppedReason: str,
    },
    required: ['text'],
  },
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
})

const responses = {
  BadRequest: problemResponse('A query parameter, cursor or date is not valid, or the body is not JSON'),
  Unauthorized: problemResponse('No valid API token: missing, unknown or revoked'),
  Forbidden: problemResponse('The token belongs to another partnership'),
  NotFound: problemResponse('No such record (or the id is not a UUID)'),
  Conflict: problemResponse('Someone changed the record first (stale version), or the record can no longer change'),
  Unprocessable: problemResponse('The body is well formed but a field is not valid; `errors` names each field'),
}
const errs = (...names: (keyof typeof responses)[]) =>
  Object.fromEntries(
    names.map((n) => [{ BadRequest: '400', Unauthorized: '401', Forbidden: '403', NotFound: '404', Conflict: '409', Unprocessable: '422' }[n], { $ref: `#/components/responses/${n}` }]),
  )

const param = (name: string, description: string, schema: Schema, where: 'query' | 'path' = 'query') => ({
  name,
  in: where,
  description,
  required: where === 'path',
  schema,
})
const pageParams = [
  param('limit', `Rows per page, 1 to ${MAX_LIMIT}`, { ...int, minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
  param('cursor', 'Opaque: copy it from links.next', str),
]
const ok = (schema: string, description: string) => ({ description, content: { 'application/json': { schema: ref(schema) } } })
const json = (schema: string) => ({ required: true, content: { 'application/json': { schema: ref(schema) } } })
const idPath = (what: string) => param('id', `The ${what}'s id`, uuid, 'path')

/** A change made with an API token, on the record (or parent) in the path: its request body, its result and the errors it can meet. */
const writeOp = (op: {
  tags: string[]
  summary: string
  description?: string
  operationId: string
  resource: string
  request: string
  status: '200' | '201'
  response: [schema: string, description: string]
  errors: (keyof typeof responses)[]
}) => ({
  tags: op.tags,
  summary: op.summary,
  ...(op.description === undefined ? {} : { description: op.description }),
  operationId: op.operationId,
  security: [{ bearerAuth: [] }],
  parameters: [idPath(op.resource)],
  requestBody: json(op.request),
  responses: { [op.status]: ok(...op.response), ...errs(...op.errors) },
})

/** A read anyone may make: `security: []` says so explicitly (no token), whatever a document-wide default becomes. */
const PUBLIC: [] = []

const listOp = (tag: string, summary: string, description: string, schema: string, extra: unknown[] = []) => ({
  get: {
    tags: [tag],
    summary,
    description,
    operationId: `list${schema.replace(/List$/, '')}s`,
    security: PUBLIC,
    parameters: [...extra, ...pageParams],
    responses: { '200': ok(schema, 'One page'), ...errs('BadRequest') },
  },
})

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Joined Up API',
      version: '1.0.0',
      // OpenAPI 3.1 License: a name and either an SPDX identifier or a URL (not both).
      license: { name: OGL.name, url: OGL.url },
      contact: { name: 'Joined Up: contacts for the published record', url: `${serverUrl}${apiPaths.docs()}#contact` },
      description:
        'The public record of multi-agency partnerships: partnerships, organisations, bodies, people and their seats, meetings and agendas, papers, decisions and actions. Reads are public and show only what the public may see (exempt items show only their number, title and Schedule 12A paragraph). Lists are in a stable order and paged by an opaque cursor: follow links.next until it is null. Writes need an API token that a partnership secretariat creates; a token acts for its own partnership only. Errors are application/problem+json.',
    },
    servers: [{ url: serverUrl }],
    tags: [
      { name: 'Structure', description: 'Partnerships, organisations, bodies, people and memberships' },
      { name: 'Meetings', description: 'Meetings, agendas, papers and decisions' },
      { name: 'Actions', description: 'The public action log' },
    ],
    paths: {
      '/api/v1/partnerships': listOp('Structure', 'List partnerships', 'Ordered by name, then id.', 'PartnershipList'),
      '/api/v1/organisations': listOp('Structure', 'List organisations', 'Ordered by name, then id.', 'OrganisationList'),
      '/api/v1/bodies': listOp('Structure', 'List bodies', 'Ordered by name, then id.', 'BodyList', [
        param('partnership', 'Only bodies of this partnership', uuid),
      ]),
      '/api/v1/people': listOp(
        'Structure',
        'List people',
        'People who hold or held a seat, ordered by name, then id. Names and public job titles only.',
        'PersonList',
      ),
      '/api/v1/memberships': listOp('Structure', 'List memberships', 'Seats on bodies, ordered by id.', 'MembershipList', [
        param('body', 'Only seats on this body', uuid),
        param('person', "Only this person's seats", uuid),
      ]),
      '/api/v1/meetings': listOp(
        'Meetings',
        'List meetings',
        'Ordered by date, start time, then id. With include=items each meeting carries its agenda items (empty until the agenda is published).',
        'MeetingList',
        [
          param('body', 'Only meetings of this body', uuid),
          param('partnership', "Only meetings of this partnership's bodies", uuid),
          param('from', 'Meetings on or after this date', date),
          param('to', 'Meetings on or before this date', date),
          param('updated_since', 'Meetings whose record changed at or after this instant (ISO 8601)', dateTime),
          param('include', 'items: add each meeting’s agenda items', enumOf(['items'])),
        ],
      ),
      '/api/v1/meetings/{id}': {
        get: {
          tags: ['Meetings'],
          summary: 'Get a meeting with its agenda',
          description: 'Items with number and title; open items with papers, and minutes and decisions once the minutes are published.',
          operationId: 'getMeeting',
          security: PUBLIC,
          parameters: [idPath('meeting')],
          responses: { '200': ok('MeetingDetail', 'The meeting'), ...errs('NotFound') },
        },
        patch: writeOp({
          tags: ['Meetings'],
          summary: 'Change a meeting',
          description: 'Needs an API token of the meeting’s partnership. Send `version`; a stale one is a 409.',
          operationId: 'updateMeeting',
          resource: 'meeting',
          request: 'UpdateMeetingRequest',
          status: '200',
          response: ['MeetingDetail', 'The meeting as changed'],
          errors: ['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'Unprocessable'],
        }),
      },
      '/api/v1/bodies/{id}/meetings': {
        post: writeOp({
          tags: ['Meetings'],
          summary: 'Schedule a meeting',
          operationId: 'scheduleMeeting',
          resource: 'body',
          request: 'ScheduleMeetingRequest',
          status: '201',
          response: ['MeetingDetail', 'The new meeting'],
          errors: ['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'Unprocessable'],
        }),
      },
      '/api/v1/meetings/{id}/items': {
        post: writeOp({
          tags: ['Meetings'],
          summary: 'Add an agenda item',
          operationId: 'addAgendaItem',
          resource: 'meeting',
          request: 'NewItemRequest',
          status: '201',
          response: ['NewAgendaItem', 'The new item'],
          errors: ['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'Unprocessable'],
        }),
      },
      '/api/v1/documents': listOp(
        'Meetings',
        'List public papers',
        'Papers of published agendas that are not exempt and not on an exempt item; ordered by meeting date, then id.',
        'DocumentList',
        [param('meeting', 'Only papers of this meeting', uuid), param('body', "Only papers of this body's meetings", uuid)],
      ),
      '/api/v1/decisions': listOp(
        'Meetings',
        'List decisions',
        'Decisions in published minutes, on open items only; ordered by meeting date, then id.',
        'DecisionList',
        [param('body', 'Only this body', uuid), param('from', 'Meetings on or after this date', date), param('to', 'Meetings on or before this date', date)],
      ),
      '/api/v1/actions': listOp('Actions', 'List public actions', 'Actions marked public whose minutes are published; ordered by date raised, then id.', 'ActionList', [
        param('body', 'Only this body', uuid),
        param('status', 'Only actions with this status', enumOf(ACTION_STATUSES)),
      ]),
      '/api/v1/actions/{id}/updates': {
        post: writeOp({
          tags: ['Actions'],
          summary: 'Post a progress update',
          description: 'Optionally moves the status (the action state machine applies).',
          operationId: 'addActionUpdate',
          resource: 'action',
          request: 'ActionUpdateRequest',
          status: '201',
          response: ['Action', 'The action after the update'],
          errors: ['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'Unprocessable'],
        }),
      },
    },
    components: {
      schemas,
      responses,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from Manage > partnership > API tokens' },
      },
    },
  }
}
export type OpenApiDocument = ReturnType<typeof openApiDocument>
