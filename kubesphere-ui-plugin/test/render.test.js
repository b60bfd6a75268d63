// The pages' parts rendered as the console would show them, from answers shaped like the API's.
require('./load-source');
const test = require('node:test');
const assert = require('node:assert/strict');
const React = require('react');
const { renderToStaticMarkup } = require('react-dom/server');
const { OrganizationTable } = require('../src/pages/Organizations');
const { InvitationTable } = require('../src/pages/Invitations');
const { ConsortiumTable } = require('../src/pages/Consortia');
const { Page, PageBoundary } = require('../src/pages/parts');
const { ApiError } = require('../src/api');
const { KubedConfigProvider } = require('@kubed/components');

// The console wraps every page in kubed's theme; so do these renderings.
const themed = element => renderToStaticMarkup(React.createElement(KubedConfigProvider, null, element));

test('organizations show their name, MSP ID and readiness', () => {
  const { MemoryRouter } = require('react-router-dom');
  const html = themed(React.createElement(MemoryRouter, { initialEntries: ['/workspaces/ws1/ksbaas/organizations'] },
    React.createElement(OrganizationTable, { workspace: 'ws1', organizations: [
    { metadata: { name: 'org1' }, spec: { mspId: 'Org1MSP', domain: 'org1.example.com' },
      status: { phase: 'Ready', conditions: [{ type: 'Ready', status: 'True', message: 'CAs issued.' }] } },
    { metadata: { name: 'org2' }, spec: { mspId: 'Org2MSP' } },
  ] })));
  // The name leads to the organization's page.
  assert.match(html, /<a href="\/workspaces\/ws1\/ksbaas\/organizations\/org1">org1<\/a>/);
  assert.match(html, /org1<\/a><\/td><td[^>]*>Org1MSP<\/td><td[^>]*>org1\.example\.com<\/td><td[^>]*>Ready<\/td><td[^>]*>CAs issued\./);
  assert.match(html, /org2<\/a><\/td><td[^>]*>Org2MSP<\/td><td[^>]*><\/td><td[^>]*>Pending</);
});

test('only a pending received invitation offers Accept and Reject', () => {
  const html = themed(React.createElement(InvitationTable, { onDecide: () => {}, invitations: [
    { id: 'a', consortium: 'c1', organization: 'org2', direction: 'Received', state: 'Pending' },
    { id: 'b', consortium: 'c2', organization: 'org2', direction: 'Sent', state: 'Pending' },
    { id: 'c', consortium: 'c3', organization: 'org2', direction: 'Received', state: 'Accepted' },
  ] }));
  assert.equal((html.match(/>Accept</g) || []).length, 1);
  assert.equal((html.match(/>Reject</g) || []).length, 1);
});

test('a page shows loading, the API error as worded, the empty state, or its content', () => {
  const page = state => themed(React.createElement(Page, { title: 'T', state, isEmpty: !state.data, empty: 'Nothing yet.' },
    React.createElement('p', null, 'content')));
  assert.match(page({ loading: true, data: null, error: null }), /role="status"[^>]*>Loading/);
  assert.match(page({ loading: false, data: null, error: new ApiError(403, { message: 'Forbidden: not a member.' }) }),
    /role="alert"[^>]*>The request failed: Forbidden: not a member\./);
  assert.match(page({ loading: false, data: null, error: null }), /Nothing yet\./);
  assert.match(page({ loading: false, data: { items: [1] }, error: null }), /content/);
});

test('a consortium shows its leader and every member organization', () => {
  const html = themed(React.createElement(ConsortiumTable, { consortia: [{ metadata: { name: 'trade' },
    spec: { leader: { organization: 'bank', workspace: 'bank-ws' },
      members: [{ organization: 'bank', workspace: 'bank-ws' }, { organization: 'shipper', workspace: 'shipper-ws' }] },
    status: { phase: 'Ready' } }] }));
  assert.match(html, /trade<\/td><td[^>]*>bank<\/td><td[^>]*>bank, shipper<\/td><td[^>]*>Ready</);
});

test('a page that throws while rendering shows why instead of a blank console', () => {
  const Broken = () => { throw new Error('no spec'); };
  // Server rendering has no error boundaries; the boundary's own answer to an error is what the browser shows.
  const boundary = new PageBoundary({ children: null });
  boundary.state = PageBoundary.getDerivedStateFromError(new Error('no spec'));
  assert.match(themed(boundary.render()), /role="alert"[^>]*>This page failed: no spec/);
  assert.throws(() => themed(React.createElement(Broken)));
});

test('every page module renders with its imports resolved (a missing import fails here, not in the console)', () => {
  const { MemoryRouter, Routes, Route } = require('react-router-dom');
  const { routes } = require('../src/index');
  for (const route of routes) {
    const html = themed(React.createElement(MemoryRouter, { initialEntries: [route.path.replace(':workspace', 'ws1')] },
      React.createElement(Routes, null, React.createElement(Route, { path: route.path, element: route.element }))));
    assert.match(html, /role="status"[^>]*>Loading/, `${route.path} renders its loading state`);
  }
});

test('the forms show their fields, choices and buttons', () => {
  const { CreateOrganization } = require('../src/pages/Organizations');
  const { ConsortiumWizard } = require('../src/pages/ConsortiumWizard');
  const { Invite } = require('../src/pages/Invitations');
  const none = () => {};
  const organization = themed(React.createElement(CreateOrganization, { workspace: 'ws1', onCreated: none, onCancel: none }));
  assert.match(organization, /name="name"[\s\S]*name="mspId"[\s\S]*name="domain"/);
  const consortium = themed(React.createElement(ConsortiumWizard, { organizations: ['bank', 'bank2'], send: none, onCreated: none, onCancel: none }));
  assert.match(consortium, /<select name="organization"[^>]*><option selected="" value="bank">bank<\/option><option value="bank2">bank2<\/option>/);
  // The first of three steps: no way back from it, Next rather than Create.
  assert.match(consortium, /aria-current="step"[^>]*>1\. Basics/);
  assert.doesNotMatch(consortium, />Back</);
  assert.match(consortium, />Next</);
  const invite = themed(React.createElement(Invite, { workspace: 'ws1', consortia: ['trade'], onSent: none, onCancel: none }));
  assert.match(invite, /name="consortium"[\s\S]*name="organization"[\s\S]*name="workspace"[\s\S]*name="peers"/);
  assert.match(invite, />Invite</);
});

test('nodes show their kind and organization, channels their members, height and joined peers', () => {
  const { NodeTable } = require('../src/pages/Nodes');
  const { ChannelTable } = require('../src/pages/Channels');
  const nodes = themed(React.createElement(NodeTable, { nodes: [
    { kind: 'PeerNode', metadata: { name: 'peer0' }, spec: { organization: 'shipper' }, status: { phase: 'Running' } },
    { kind: 'OrdererNode', metadata: { name: 'orderer0' }, spec: { organization: 'bank' } },
  ] }));
  assert.match(nodes, /peer0<\/td><td[^>]*>Peer<\/td><td[^>]*>shipper<\/td><td[^>]*>Platform default<\/td><td[^>]*>- \/ -<\/td><td[^>]*>Running</);
  assert.match(nodes, /orderer0<\/td><td[^>]*>Orderer<\/td><td[^>]*>bank<\/td><td[^>]*>Platform default<\/td><td[^>]*>- \/ -<\/td><td[^>]*>Pending</);
  // Without actions (a viewer's table), no buttons.
  assert.doesNotMatch(nodes, /Resize|Remove/);
  const channels = themed(React.createElement(ChannelTable, { channels: [{ metadata: { name: 'shipping' },
    spec: { organizations: ['bank', 'shipper'] }, status: { phase: 'Ready', height: 3, peersJoined: ['bank/peer0', 'shipper/peer0'] } }] }));
  assert.match(channels, /shipping<\/td><td[^>]*>bank, shipper<\/td><td[^>]*>3<\/td><td[^>]*>bank\/peer0, shipper\/peer0<\/td><td[^>]*>Ready</);
});

test('an identity offers export and revocation until it is revoked', () => {
  const { IdentityTable } = require('../src/pages/OrganizationDetail');
  const html = themed(React.createElement(IdentityTable, { onExport: () => {}, onRevoke: () => {}, identities: [
    { name: 'ops', role: 'admin', serial: '0a', notAfter: '2027-12-01T00:00:00Z', revoked: false },
    { name: 'old', role: 'client', serial: '0b', notAfter: '2027-01-01T00:00:00Z', revoked: true },
  ] }));
  assert.match(html, /ops<\/td><td[^>]*>admin<\/td><td[^>]*>0a<\/td><td[^>]*>2027-12-01T00:00:00Z<\/td><td[^>]*>Valid</);
  assert.match(html, /old<\/td><td[^>]*>client<\/td><td[^>]*>0b<\/td><td[^>]*>2027-01-01T00:00:00Z<\/td><td[^>]*>Revoked<\/td><td[^>]*><\/td>/);
  assert.equal((html.match(/>Export</g) || []).length, 1);
  assert.equal((html.match(/>Revoke</g) || []).length, 1);
});

test('the audit log shows requests and key uses with who, what and the answer', () => {
  const { AuditTable } = require('../src/pages/Audit');
  const html = themed(React.createElement(AuditTable, { entries: [
    { auditID: '1', kind: 'Request', requestReceivedTimestamp: '2026-12-04T10:00:00Z', user: { username: 'bank-admin' }, verb: 'create',
      requestURI: '/kapis/baas.io/v1/workspaces/bank-ws/organizations', responseStatus: { code: 201 }, organization: 'bank' },
    { auditID: '2', kind: 'KeyUse', requestReceivedTimestamp: '2026-12-04T10:01:00Z', user: { username: 'bank-admin' },
      objectRef: { resource: 'channels', name: 'shipping' }, keyUse: { identity: 'admin', cause: 'join peer0' }, organization: 'bank' },
  ] }));
  assert.match(html, /bank-admin<\/td><td[^>]*>create<\/td><td[^>]*>\/kapis\/baas.io\/v1\/workspaces\/bank-ws\/organizations<\/td><td[^>]*>bank<\/td><td[^>]*>201</);
  assert.match(html, /Key use: join peer0<\/td><td[^>]*>channels\/shipping</);
});

test('notifications name what awaits the workspace', () => {
  const { NotificationTable } = require('../src/pages/Notifications');
  const html = themed(React.createElement(NotificationTable, { notifications: [
    { kind: 'Invitation', id: 'a1', consortium: 'trade', summary: 'bank invites shipper to trade', expireTime: '2026-12-11T00:00:00Z' },
  ] }));
  assert.match(html, /Invitation<\/td><td[^>]*>trade<\/td><td[^>]*>bank invites shipper to trade<\/td><td[^>]*>2026-12-11T00:00:00Z</);
});

test('a consortium overview shows its conditions, members, nodes, channels and events', () => {
  const { OverviewSections } = require('../src/pages/ConsortiumOverview');
  const html = themed(React.createElement(OverviewSections, { overview: {
    name: 'trade', leader: 'bank', phase: 'Progressing', nearestCertificateExpiry: '2027-12-01T00:00:00Z',
    conditions: [{ type: 'Ready', status: 'False', reason: 'NamespacesReady', message: 'Waiting for orderers.' }],
    members: [{ organization: 'bank', workspace: 'bank-ws', namespace: 'trade-bank', peers: 1 }],
    nodes: [{ kind: 'OrdererNode', name: 'orderer0', namespace: 'trade-bank', organization: 'bank', phase: 'Deploying', certificateNotAfter: '2027-12-01T00:00:00Z' }],
    channels: [{ name: 'shipping', namespace: 'trade-bank', organizations: ['bank'], height: 2, phase: 'Ready' }],
    events: [{ type: 'Normal', reason: 'Created', message: 'Namespace trade-bank created', object: 'Consortium/trade', time: '2026-12-04T10:00:00Z' }],
  } }));
  assert.match(html, /Ready<\/td><td[^>]*>False<\/td><td[^>]*>NamespacesReady<\/td><td[^>]*>Waiting for orderers\./);
  assert.match(html, /bank<\/td><td[^>]*>bank-ws<\/td><td[^>]*>trade-bank<\/td><td[^>]*>1</);
  assert.match(html, /orderer0<\/td><td[^>]*>Orderer<\/td><td[^>]*>bank<\/td><td[^>]*>Deploying</);
  assert.match(html, /shipping<\/td><td[^>]*>bank<\/td><td[^>]*>2<\/td><td[^>]*>Ready</);
  assert.match(html, /Consortium\/trade<\/td><td[^>]*>Created<\/td><td[^>]*>Namespace trade-bank created/);
});

test('a proposal shows its readable difference, and offers decisions only to an awaited organization while open', () => {
  const { ProposalCard } = require('../src/pages/ChannelDetail');
  const none = () => {};
  const proposal = { id: 'p1', kind: 'AddOrganization', summary: 'Add carrier to shipping', state: 'Open',
    changes: ['/Channel/Application/CarrierMSP (added)'], requiredPolicies: ['/Channel/Application/Admins'],
    awaiting: ['shipper'], decisions: [{ organization: 'bank', decision: 'Signed' }] };
  const card = organization => themed(React.createElement(ProposalCard, { proposal, organization, onSign: none, onReject: none,
    onDownload: none, onUpload: none }));
  const awaited = card('shipper');
  assert.match(awaited, /Add carrier to shipping[\s\S]*Add an organization · Open/);
  assert.match(awaited, /<code>\/Channel\/Application\/CarrierMSP \(added\)<\/code>/);
  assert.match(awaited, /bank: Signed/);
  assert.match(awaited, />Sign</);
  assert.match(awaited, /name="signed-update"/);
  assert.doesNotMatch(card('bank'), />Sign</);
  assert.doesNotMatch(themed(React.createElement(ProposalCard, { proposal: { ...proposal, state: 'Submitted' }, organization: 'shipper',
    onSign: none, onReject: none, onDownload: none, onUpload: none })), />Sign</);
});

test('each peer-join state a peer answers has its words', () => {
  const { PeerJoinTable } = require('../src/pages/ChannelDetail');
  const states = ['AlreadyJoined', 'NotJoined', 'NotRunning', 'Unreachable', 'Joined'];
  const html = themed(React.createElement(PeerJoinTable, { peers: states.map((state, i) => ({ peer: `peer${i}`, organization: 'bank', state })) }));
  for (const words of ['>Joined<', '>Not joined<', '>Not running<', '>Unreachable<', '>Joined now<']) {
    assert.ok(html.includes(words), words);
  }
});

test('the consortium wizard sends what was filled in and leaves the rest to the platform', () => {
  const { consortiumRequest, reviewLines } = require('../src/pages/ConsortiumWizard');
  const form = { name: ' trade ', displayName: '', organization: 'bank', orderers: '1', peersPerMember: '2', fabricVersion: ' ',
    storageClassName: 'fast' };
  assert.deepEqual(consortiumRequest(form), { name: 'trade', organization: 'bank', orderers: 1, peersPerMember: 2, storageClassName: 'fast' });
  assert.deepEqual(consortiumRequest({ ...form, orderers: '', peersPerMember: '' }),
    { name: 'trade', organization: 'bank', storageClassName: 'fast' });
  const review = Object.fromEntries(reviewLines(form));
  assert.equal(review.DISPLAY_NAME, 'Not set');
  assert.equal(review.FABRIC_VERSION, 'Platform default');
  assert.equal(review.ORDERERS, '1');
});

test('a resize sends only what was filled in; nodes show their volume and resources, and only peers can be removed', () => {
  const { nodeChange, resourcesLine, NodeTable } = require('../src/pages/Nodes');
  assert.deepEqual(nodeChange({ storage: '20Gi', cpuRequest: '', memoryRequest: '', cpuLimit: '', memoryLimit: '' }),
    { storage: { size: '20Gi' } });
  assert.deepEqual(nodeChange({ storage: '', cpuRequest: '250m', memoryRequest: '', cpuLimit: ' 1 ', memoryLimit: '2Gi' }),
    { resources: { requests: { cpu: '250m' }, limits: { cpu: '1', memory: '2Gi' } } });
  assert.deepEqual(nodeChange({ storage: ' ', cpuRequest: '', memoryRequest: '', cpuLimit: '', memoryLimit: '' }), {});
  assert.equal(resourcesLine({ resources: { requests: { cpu: '250m', memory: '1Gi' } } }), 'cpu 250m, memory 1Gi / -');
  assert.equal(resourcesLine({}), '- / -');
  const html = themed(React.createElement(NodeTable, { onResize: () => {}, onRemove: () => {}, nodes: [
    { kind: 'PeerNode', metadata: { name: 'peer1' }, spec: { organization: 'shipper', storage: { size: '10Gi' } } },
    { kind: 'OrdererNode', metadata: { name: 'orderer0' }, spec: { organization: 'bank' } },
  ] }));
  assert.match(html, /peer1<\/td><td[^>]*>Peer<\/td><td[^>]*>shipper<\/td><td[^>]*>10Gi<\/td><td[^>]*>- \/ -</);
  assert.match(html, /orderer0<\/td><td[^>]*>Orderer<\/td><td[^>]*>bank<\/td><td[^>]*>Platform default</);
  assert.equal((html.match(/>Resize</g) || []).length, 2);
  assert.equal((html.match(/>Remove</g) || []).length, 1);
});

test('a proposal sends the chosen kind with its own fields only', () => {
  const { proposalRequest, ProposeChange } = require('../src/pages/ProposeChange');
  const form = { organization: ' barge ', timeout: '2s', maxMessageCount: '50', policyPath: 'Application/Endorsement',
    policyRule: ' ANY Endorsement ', application: 'V2_5' };
  assert.deepEqual(proposalRequest({ ...form, kind: 'AddOrganization' }), { kind: 'AddOrganization', organization: 'barge' });
  assert.deepEqual(proposalRequest({ ...form, kind: 'Batch' }), { kind: 'Batch', batch: { timeout: '2s', maxMessageCount: 50 } });
  assert.deepEqual(proposalRequest({ ...form, kind: 'Batch', timeout: '' }), { kind: 'Batch', batch: { maxMessageCount: 50 } });
  assert.deepEqual(proposalRequest({ ...form, kind: 'Policies' }),
    { kind: 'Policies', policies: { 'Application/Endorsement': 'ANY Endorsement' } });
  assert.deepEqual(proposalRequest({ ...form, kind: 'Capabilities' }), { kind: 'Capabilities', capabilities: { application: 'V2_5' } });
  const html = themed(React.createElement(ProposeChange, { send: () => {}, onDone: () => {}, onCancel: () => {} }));
  assert.match(html, /<select name="kind"[\s\S]*Add an organization[\s\S]*Block cutting/);
  assert.match(html, /name="organization"/);
  assert.doesNotMatch(html, /name="policyRule"/);
});

test('every proposal kind, state and decision the API answers has its words in both languages', () => {
  const locales = require('../src/locales').default;
  const keys = [...['AddOrganization', 'RemoveOrganization', 'Batch', 'Policies', 'Capabilities'].map(k => `PROPOSAL_${k}`),
    ...['Open', 'Submitting', 'Submitted', 'Rejected', 'Expired', 'Superseded'].map(k => `PROPOSAL_STATE_${k}`),
    'DECISION_Signed', 'DECISION_Rejected'];
  for (const key of keys) {
    assert.ok(locales.en[key] && locales.zh[key], key);
  }
});

test('a verification says who recorded the digest, when and where, or that no one did', () => {
  const { VerificationResult, EvidenceTable } = require('../src/pages/Notarization');
  const recorded = themed(React.createElement(VerificationResult, { result: { recorded: true, evidence: { ownerMspId: 'BankMSP',
    ownerId: 'x509::CN=ops', timestamp: '2026-12-04T10:00:00Z', txId: 'abc123', blockNumber: 7 } } }));
  assert.match(recorded, /Recorded by BankMSP \(client x509::CN=ops\) at 2026-12-04T10:00:00Z, in transaction abc123, block 7\./);
  assert.match(themed(React.createElement(VerificationResult, { result: { recorded: false } })), /Not recorded on this channel/);
  const table = themed(React.createElement(EvidenceTable, { onReceipt: () => {}, onCertificate: () => {}, evidences: [
    { id: 'SHA-256:9f86d0', hashAlgorithm: 'SHA-256', digest: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      title: 'contract.pdf', timestamp: '2026-12-04T10:00:00Z', txId: 'abcdef0123456789', blockNumber: 7 }] }));
  assert.match(table, /contract\.pdf<\/td><td[^>]*><code title="9f86[0-9a-f]+">SHA-256:9f86d081884c7d65…<\/code><\/td><td[^>]*>2026-12-04T10:00:00Z<\/td><td[^>]*>7</);
  assert.match(table, />Receipt<[\s\S]*>Certificate \(PDF\)</);
});

test('the explorer shows blocks, a transaction with its endorsements and read-write sets, and activity as bars', () => {
  const { BlockTable, TransactionDetail } = require('../src/pages/Explorer');
  const { ActivityChart, CountBars } = require('../src/pages/Charts');
  const blocks = themed(React.createElement(BlockTable, { onOpen: () => {}, blocks: [
    { number: 5, headerHash: 'aa'.repeat(32), transactions: 2, validTransactions: 1, config: false, createdAt: '2026-12-04T10:00:00Z', sizeBytes: 4096 },
    { number: 0, headerHash: 'bb'.repeat(32), transactions: 1, validTransactions: 1, config: true, sizeBytes: 20000 }] }));
  assert.match(blocks, />5<\/a><\/td><td[^>]*><code title="a{64}">a{16}…<\/code><\/td><td[^>]*>2 \(1 valid\)<\/td><td[^>]*>Data</);
  assert.match(blocks, />0<\/a>[\s\S]*>Config</);
  const detail = themed(React.createElement(TransactionDetail, { detail: {
    transaction: { txId: 'tx1', block: 5, index: 0, type: 'ENDORSER_TRANSACTION', validationCode: 'MVCC_READ_CONFLICT',
      creatorMspId: 'BankMSP', chaincode: 'notarization', function: 'Record' },
    arguments: ['Record', 'SHA-256'], endorsements: [{ mspId: 'BankMSP', subject: 'CN=peer0' }],
    readWriteSets: [{ namespace: 'notarization', reads: [{ key: 'k1', versionBlock: null }], writes: [{ key: 'k1', delete: false, value: 'v1' }] }] } }));
  assert.match(detail, /MVCC_READ_CONFLICT/);
  assert.match(detail, /BankMSP<\/td><td[^>]*>CN=peer0/);
  assert.match(detail, /<code>k1<\/code><\/td><td[^>]*>None</);
  assert.match(detail, /<code>k1<\/code><\/td><td[^>]*><code>v1<\/code>/);
  const { keyText } = require('../src/pages/Explorer');
  assert.equal(keyText('\u0000evidence\u0000SHA-256\u0000'), '␀evidence␀SHA-256␀');
  const { keyOf } = require('../src/pages/Explorer');
  assert.equal(keyOf('␀evidence␀SHA-256␀'), '\u0000evidence\u0000SHA-256\u0000');
  const chart = themed(React.createElement(ActivityChart, { buckets: [
    { start: '2026-12-04T10:00:00Z', transactions: 10, valid: 8 }, { start: '2026-12-04T10:01:00Z', transactions: 5, valid: 5 }] }));
  assert.equal((chart.match(/<rect /g) || []).length, 4);
  assert.match(chart, /Peak 10/);
  assert.match(themed(React.createElement(CountBars, { counts: [{ name: 'BankMSP', transactions: 3 }] })), /BankMSP<\/span>[\s\S]*width:100%[\s\S]*>3</);
});

test('the activity chart has a bar for every step of the window, the quiet ones as zero', () => {
  const { filledBuckets } = require('../src/pages/Charts');
  const buckets = filledBuckets({ from: '2026-12-04T10:00:00Z', to: '2026-12-04T10:05:00Z', step: 'minute',
    activity: [{ start: '2026-12-04T10:02:00Z', transactions: 4, valid: 3 }] });
  assert.deepEqual(buckets.map(b => b.transactions), [0, 0, 4, 0, 0]);
  assert.equal(buckets[0].start, '2026-12-04T10:00:00.000Z');
  assert.equal(filledBuckets({ from: '2026-12-04T00:00:00Z', to: '2026-12-05T00:00:00Z', step: 'hour', activity: [] }).length, 24);
});

test('an account\'s movements say what each was, with whom, and the balance after it', () => {
  const { MovementTable, movementRequest } = require('../src/pages/Assets');
  const html = themed(React.createElement(MovementTable, { movements: [
    { txId: 'tx1', timestamp: '2026-12-04T10:00:00Z', kind: 'issue', counterparty: { mspId: 'BankMSP', clientId: 'x509::CN=ops' }, amount: 100, balance: 100 },
    { txId: 'tx2', timestamp: '2026-12-04T10:01:00Z', kind: 'sent', counterparty: { mspId: 'ShipMSP', clientId: 'x509::CN=u' }, amount: 30, balance: 70 }] }));
  assert.match(html, /Issued<\/td><td[^>]*>BankMSP x509::CN=ops<\/td><td[^>]*>100<\/td><td[^>]*>100</);
  assert.match(html, /Sent<\/td><td[^>]*>ShipMSP x509::CN=u<\/td><td[^>]*>30<\/td><td[^>]*>70</);
  assert.deepEqual(movementRequest({ mspId: ' ShipMSP ', clientId: 'x509::CN=u ', amount: '30' }),
    { to: { mspId: 'ShipMSP', clientId: 'x509::CN=u' }, amount: 30 });
  const locales = require('../src/locales').default;
  for (const kind of ['issue', 'sent', 'received']) {
    assert.ok(locales.en[`MOVEMENT_${kind}`] && locales.zh[`MOVEMENT_${kind}`], kind);
  }
});

test('the repository lists versions with their review state and its report the findings most severe first', () => {
  const { ChaincodeTable, FindingTable, uploadFields } = require('../src/pages/ChaincodeRepository');
  const html = themed(React.createElement(ChaincodeTable, { onOpen: () => {}, chaincodes: [
    { name: 'ledger', platform: false, language: 'java', versions: [{ version: '2', state: 'Submitted' }, { version: '1', state: 'Approved' }] },
    { name: 'notarization', platform: true, language: 'java', versions: [{ version: '1.0', state: 'Approved' }] }] }));
  assert.match(html, /ledger<\/td><td[^>]*>This workspace<\/td><td[^>]*>java<\/td><td[^>]*><span[^>]*><a href="#">2 · Submitted<\/a><a href="#">1 · Approved</);
  assert.match(html, /notarization<\/td><td[^>]*>Platform</);
  const findings = themed(React.createElement(FindingTable, { findings: [
    { severity: 'LOW', category: 'REFLECTION', className: 'a.B', method: 'm1', detail: 'reflects' },
    { severity: 'HIGH', category: 'WALL_CLOCK', className: 'a.B', method: 'put', detail: 'reads the clock' }] }));
  assert.ok(findings.indexOf('WALL_CLOCK') < findings.indexOf('REFLECTION'), 'HIGH before LOW');
  assert.match(findings, /HIGH<\/td><td[^>]*>WALL_CLOCK<\/td><td[^>]*><code>a\.B<\/code><\/td><td[^>]*><code>put<\/code>/);
  assert.deepEqual(uploadFields({ version: ' 2 ', language: 'java', description: '', serverImage: ' img:2 ' }),
    { version: '2', language: 'java', serverImage: 'img:2' });
});

test('a deployment names an approved version, shows the next sequence, and sends collections as Fabric writes them', () => {
  const { deployableVersions, nextSequence, deploymentRequest } = require('../src/pages/ChaincodeDeployments');
  const choices = deployableVersions([
    { name: 'ledger', platform: false, versions: [{ version: '2', state: 'Submitted' }, { version: '1', state: 'Approved' }] },
    { name: 'notarization', platform: true, versions: [{ version: '1.0', state: 'Approved' }] }], 'bank-ws');
  assert.deepEqual(choices.map(c => c.label), ['bank-ws/ledger 1', 'notarization 1.0']);
  assert.deepEqual(choices[1].ref, { name: 'notarization', version: '1.0' });
  assert.equal(nextSequence([], 'ledger'), 1);
  assert.equal(nextSequence([{ name: 'ledger', sequence: 2, committed: true }], 'ledger'), 3);
  assert.equal(nextSequence([{ name: 'ledger', sequence: 2, committed: false }], 'ledger'), 2);
  assert.deepEqual(deploymentRequest({ name: ' ledger ', choice: '0', endorsementPolicy: '', collections: '' }, choices),
    { name: 'ledger', packageRef: { workspace: 'bank-ws', name: 'ledger', version: '1' } });
  assert.deepEqual(deploymentRequest({ name: 'ledger', choice: '0', endorsementPolicy: "OR('A.peer')", collections: '[{"name":"c1"}]' }, choices)
    .collections, [{ name: 'c1' }]);
  assert.throws(() => deploymentRequest({ name: 'ledger', choice: '0', endorsementPolicy: '', collections: '[' }, choices));
});

test('the transactions filter sends only what was filled in', () => {
  const { transactionFilters } = require('../src/pages/Explorer');
  assert.deepEqual(transactionFilters({ chaincode: ' notarization ', creator: '', status: 'invalid' }),
    { chaincode: 'notarization', status: 'invalid' });
});

test('an application\'s scopes go to the API as a built-in app\'s operations or a chaincode\'s functions, and read as one line each', () => {
  const { scopeOf, scopeRow, describeScope, blankScope } = require('../src/pages/ScopeEditor');
  assert.deepEqual(scopeOf({ ...blankScope('shipping'), operations: ['verify', 'read'], access: 'read-only' }),
    { channel: 'shipping', app: 'notarization', operations: ['verify', 'read'], access: 'read-only' });
  assert.deepEqual(scopeOf({ ...blankScope('shipping'), target: 'chaincode', chaincode: ' invoices ', functions: 'ReadInvoice, ,PayInvoice' }),
    { channel: 'shipping', chaincode: 'invoices', functions: ['ReadInvoice', 'PayInvoice'], access: 'read-write' });
  const scope = { channel: 'trade', chaincode: 'invoices', functions: ['ReadInvoice'], access: 'read-only' };
  assert.deepEqual(scopeOf(scopeRow(scope)), scope); // what the editor shows is what it sends back
  assert.equal(describeScope({ channel: 'trade', app: 'asset-transfer', operations: ['transfer', 'read'], access: 'read-write' }),
    'trade · asset-transfer: transfer, read');
  assert.equal(describeScope(scope), 'trade · invoices: ReadInvoice (read-only)');
});

test('a new application sends a rate limit only when one was typed', () => {
  const { applicationRequest } = require('../src/pages/Applications');
  const { blankScope } = require('../src/pages/ScopeEditor');
  const form = { name: ' erp ', description: '', scopes: [{ ...blankScope('c1'), operations: ['notarize'] }], requestsPerSecond: '', burst: '' };
  assert.deepEqual(applicationRequest(form),
    { name: 'erp', scopes: [{ channel: 'c1', app: 'notarization', operations: ['notarize'], access: 'read-write' }] });
  assert.deepEqual(applicationRequest({ ...form, description: 'ERP', requestsPerSecond: '0.5', burst: '' }).rateLimit,
    { requestsPerSecond: 0.5, burst: undefined });
});

test('the scope editor offers the project\'s channels and a built-in app\'s operations, a chaincode\'s functions instead', () => {
  const { ScopeEditor, blankScope } = require('../src/pages/ScopeEditor');
  const html = themed(React.createElement(ScopeEditor, { channels: ['shipping', 'trade'], onChange: () => {}, rows: [
    { ...blankScope('trade'), operations: ['read'] },
    { ...blankScope('shipping'), target: 'chaincode', chaincode: 'invoices', functions: 'ReadInvoice' },
  ] }));
  assert.match(html, /name="scopes\[0\]\.channel"[^>]*>.*<option selected="" value="trade">trade<\/option>/);
  assert.match(html, /name="scopes\[0\]\.read" checked=""/);
  assert.doesNotMatch(html, /name="scopes\[0\]\.notarize" checked/);
  assert.match(html, /name="scopes\[1\]\.functions"[^>]*value="ReadInvoice"/);
  assert.doesNotMatch(html, /name="scopes\[1\]\.read"/);
  assert.equal((html.match(/>Remove</g) || []).length, 2);
});

test('applications list their scopes and enabled keys; a new key shows its secret once', () => {
  const { MemoryRouter } = require('react-router-dom');
  const { ApplicationTable } = require('../src/pages/Applications');
  const { NewSecret } = require('../src/pages/ApplicationDetail');
  const html = themed(React.createElement(MemoryRouter, null, React.createElement(ApplicationTable, { base: '/p/ksbaas/applications', applications: [
    { name: 'erp', description: 'ERP', createdBy: 'alice', scopes: [{ channel: 'trade', app: 'notarization', operations: ['verify'], access: 'read-only' }],
      keys: [{ accessKeyId: 'KSB1', enabled: true }, { accessKeyId: 'KSB2', enabled: false }] },
  ] })));
  assert.match(html, /<a href="\/p\/ksbaas\/applications\/erp">erp<\/a><\/td><td[^>]*>ERP<\/td><td[^>]*>trade · notarization: verify \(read-only\)<\/td><td[^>]*>1<\/td><td[^>]*>alice</);
  const secret = themed(React.createElement(NewSecret, { onDone: () => {}, created: { accessKeyId: 'KSBABC', secret: 's3cr3t' } }));
  assert.match(secret, /role="status"/);
  assert.match(secret, /class="ksbaas-access-key-id">KSBABC</);
  assert.match(secret, /class="ksbaas-secret">s3cr3t</);
  assert.match(secret, /shown only this once/);
});

test('a node\'s log keeps the newest lines, and every node offers its log', () => {
  const { keptLines, KEPT_LINES } = require('../src/pages/NodeLog');
  const many = Array.from({ length: KEPT_LINES }, (_, i) => `line ${i}`);
  const kept = keptLines(many, ['new 1', 'new 2']);
  assert.equal(kept.length, KEPT_LINES);
  assert.deepEqual(kept.slice(-3), [`line ${KEPT_LINES - 1}`, 'new 1', 'new 2']);
  assert.equal(kept[0], 'line 2');
  const { NodeTable } = require('../src/pages/Nodes');
  const html = themed(React.createElement(NodeTable, { onResize: () => {}, onRemove: () => {}, onLogs: () => {}, nodes: [
    { kind: 'PeerNode', metadata: { name: 'peer0' }, spec: { organization: 'bank' } },
    { kind: 'OrdererNode', metadata: { name: 'orderer0' }, spec: { organization: 'bank' } },
  ] }));
  assert.equal((html.match(/>Logs</g) || []).length, 2);
});

test('a deployment whose server the project runs offers its log; a server\'s log panel says whose it is', () => {
  const { DeploymentTable } = require('../src/pages/ChaincodeDeployments');
  const html = themed(React.createElement(DeploymentTable, { onServerLog: () => {}, deployments: [
    { name: 'ledger', version: '1', sequence: 1, committed: true, phase: 'Ready', server: 'ledger-server' },
    { name: 'notes', version: '1.0', sequence: 1, committed: true, phase: 'Committed', server: null },
  ] }));
  assert.equal((html.match(/>Server log</g) || []).length, 1);
  assert.doesNotMatch(themed(React.createElement(DeploymentTable, { deployments: [
    { name: 'ledger', version: '1', sequence: 1, committed: true, server: 'ledger-server' }] })), />Server log</);
  const { ChaincodeServerLog } = require('../src/pages/NodeLog');
  const panel = themed(React.createElement(ChaincodeServerLog, { namespace: 'orchard-pear', server: 'ledger-server', onClose: () => {} }));
  assert.match(panel, /<h3>Server log · ledger-server<\/h3>/);
  assert.match(panel, /Following: new lines appear as they are written\./);
});

test('a chaincode call sends one argument per line, and shows a submission\'s transaction and the result', () => {
  const { invocationOf, InvokeChaincode } = require('../src/pages/InvokeChaincode');
  assert.deepEqual(invocationOf({ chaincode: 'ledger', function: ' Put ', arguments: 'shelf\n3 pears\n' }),
    { chaincode: 'ledger', call: { function: 'Put', arguments: ['shelf', '3 pears'] } });
  assert.deepEqual(invocationOf({ chaincode: 'ledger', function: 'Get', arguments: '' }).call.arguments, []);
  assert.deepEqual(invocationOf({ chaincode: 'ledger', function: 'Put', arguments: 'k\n\nv' }).call.arguments, ['k', '', 'v']);
  const html = themed(React.createElement(InvokeChaincode, { namespace: 'p', channel: 'c', chaincodes: ['ledger', 'notarization'] }));
  assert.match(html, /<option value="ledger" selected="">ledger<\/option>|<option selected="" value="ledger">ledger<\/option>/);
  assert.match(html, />Submit</);
  assert.match(html, />Evaluate</);
});

test('the activity chart uses @kubed/charts from the console when it has it, and the bundle still loads without it', async () => {
  const charts = require('../src/pages/Charts');
  // No SystemJS, or a console whose import map lacks the library: no library, no failure.
  const fresh = () => { delete require.cache[require.resolve('../src/pages/Charts')]; return require('../src/pages/Charts'); };
  assert.equal(await fresh().loadKubedCharts(undefined), null);
  assert.equal(await fresh().loadKubedCharts({ import: () => Promise.reject(new Error('Unable to resolve bare specifier')) }), null);
  assert.equal(await fresh().loadKubedCharts({ import: () => { throw new Error('no import map'); } }), null);
  const asked = [];
  const library = { BarChart: props => React.createElement('div', { 'data-props': JSON.stringify(props) }) };
  const found = fresh();
  assert.equal(await found.loadKubedCharts({ import: name => { asked.push(name); return Promise.resolve(library); } }), library);
  assert.equal(await found.loadKubedCharts({ import: () => Promise.reject(new Error('asked twice')) }), library, 'asked once');
  assert.deepEqual(asked, ['@kubed/charts']);

  const html = themed(React.createElement(charts.KubedActivityChart, { library, buckets: [
    { start: '2026-12-05T01:40:00Z', transactions: 3, valid: 2 }, { start: '2026-12-05T01:41:00Z', transactions: 0, valid: 0 }] }));
  const props = JSON.parse(html.match(/data-props="([^"]*)"/)[1].replace(/&quot;/g, '"'));
  assert.deepEqual(props, { data: [{ time: '01:40', Valid: 2, Invalid: 1 }, { time: '01:41', Valid: 0, Invalid: 0 }], dataKey: 'time',
    categories: ['Valid', 'Invalid'], colors: ['#55bc8a', '#ca2621'], stack: true });
  assert.match(html, /role="img" aria-label="Transactions over time"/);
});

test('a consortium\'s nodes show their health and each channel\'s height, a lagging peer how far behind', () => {
  const { healthLine, heightsLine } = require('../src/pages/ConsortiumOverview');
  const peer = { kind: 'PeerNode', health: { state: 'Healthy', heights: { trade: 12, audit: 3 } }, blocksBehind: { trade: 2, audit: 0 } };
  assert.equal(healthLine(peer), 'Healthy');
  assert.equal(heightsLine(peer), 'audit: 3, trade: 12 (2 behind)');
  assert.equal(healthLine({ health: { state: 'NotRunning', reason: 'PeerNode peer1 is not running.', heights: {} } }),
    'Not running: PeerNode peer1 is not running.');
  assert.equal(healthLine({}), '');
  assert.equal(heightsLine({}), '');
});

test('every health state the API answers has its words in both languages', () => {
  const locales = require('../src/locales').default;
  for (const state of ['Healthy', 'Unhealthy', 'Unreachable', 'NotRunning']) {
    assert.ok(locales.en[`HEALTH_${state}`] && locales.zh[`HEALTH_${state}`], state);
  }
});
