// Calls to ks-baas through the console: the console's server adds the user's token and
// ks-apiserver authorizes and proxies /kapis/baas.io/v1 to the service.
export const BASE = '/kapis/baas.io/v1';

/** An answer other than 2xx, worded as the API words it ({code, reason, message, details}). */
export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.reason = body && body.reason;
    this.details = (body && body.details) || [];
  }
}

function describe(status, body) {
  if (body && typeof body.message === 'string') {
    const fields = (body.details || []).map(d => `${d.field}: ${d.message}`);
    return fields.length ? `${body.message} (${fields.join('; ')})` : body.message;
  }
  return `HTTP ${status}`;
}

export async function request(method, path, body, fetchImpl = globalThis.fetch) {
  const response = await fetchImpl(BASE + path, {
    method,
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

const organizationPath = (workspace, name) => `/workspaces/${encodeURIComponent(workspace)}/organizations/${encodeURIComponent(name)}`;

const channelPath = (namespace, name) => `/namespaces/${encodeURIComponent(namespace)}/channels/${encodeURIComponent(name)}`;

export const api = {
  organizations: workspace => request('GET', `/workspaces/${encodeURIComponent(workspace)}/organizations`),
  createOrganization: (workspace, organization) => request('POST', `/workspaces/${encodeURIComponent(workspace)}/organizations`, organization),
  organization: (workspace, name) => request('GET', `${organizationPath(workspace, name)}`),
  identities: (workspace, name) => request('GET', `${organizationPath(workspace, name)}/identities`),
  issueIdentity: (workspace, name, identity) => request('POST', `${organizationPath(workspace, name)}/identities`, identity),
  exportIdentity: (workspace, name, identity) => request('POST', `${organizationPath(workspace, name)}/identityexports/${encodeURIComponent(identity)}`),
  revoke: (workspace, name, revocation) => request('POST', `${organizationPath(workspace, name)}/revocations`, revocation),
  consortia: workspace => request('GET', `/workspaces/${encodeURIComponent(workspace)}/consortia`),
  consortiumOverview: (workspace, name) =>
    request('GET', `/workspaces/${encodeURIComponent(workspace)}/consortia/${encodeURIComponent(name)}/overview`),
  createConsortium: (workspace, consortium) => request('POST', `/workspaces/${encodeURIComponent(workspace)}/consortia`, consortium),
  invite: (workspace, invitation) => request('POST', `/workspaces/${encodeURIComponent(workspace)}/invitations`, invitation),
  notifications: workspace => request('GET', `/workspaces/${encodeURIComponent(workspace)}/notifications`),
  invitations: workspace => request('GET', `/workspaces/${encodeURIComponent(workspace)}/invitations`),
  allConsortia: () => request('GET', '/consortia'),
  auditLogs: (workspace, page = 1, limit = 20, user = '') =>
    request('GET', `${workspace ? `/workspaces/${encodeURIComponent(workspace)}` : ''}/auditlogs?page=${page}&limit=${limit}`
      + (user ? `&user=${encodeURIComponent(user)}` : '')),
  peers: namespace => request('GET', `/namespaces/${encodeURIComponent(namespace)}/peers`),
  addPeer: (namespace, peer) => request('POST', `/namespaces/${encodeURIComponent(namespace)}/peers`, peer),
  resizePeer: (namespace, name, change) =>
    request('PUT', `/namespaces/${encodeURIComponent(namespace)}/peers/${encodeURIComponent(name)}`, change),
  removePeer: (namespace, name) => request('DELETE', `/namespaces/${encodeURIComponent(namespace)}/peers/${encodeURIComponent(name)}`),
  resizeOrderer: (namespace, name, change) =>
    request('PUT', `/namespaces/${encodeURIComponent(namespace)}/orderers/${encodeURIComponent(name)}`, change),
  connectionProfile: (namespace, organization) =>
    request('GET', `/namespaces/${encodeURIComponent(namespace)}/connectionprofiles/${encodeURIComponent(organization)}`),
  orderers: namespace => request('GET', `/namespaces/${encodeURIComponent(namespace)}/orderers`),
  channels: namespace => request('GET', `/namespaces/${encodeURIComponent(namespace)}/channels`),
  channel: (namespace, name) => request('GET', `${channelPath(namespace, name)}`),
  channelJoins: (namespace, name) => request('GET', `${channelPath(namespace, name)}/channeljoins`),
  joinChannel: (namespace, name) => request('POST', `${channelPath(namespace, name)}/channeljoins`),
  proposals: (namespace, name) => request('GET', `${channelPath(namespace, name)}/proposals`),
  proposalUpdate: (namespace, name, id) => request('GET', `${channelPath(namespace, name)}/proposals/${encodeURIComponent(id)}/update`),
  propose: (namespace, name, proposal) => request('POST', `${channelPath(namespace, name)}/proposals`, proposal),
  decideProposal: (namespace, name, decision) => request('POST', `${channelPath(namespace, name)}/proposalsignatures`, decision),
  createChannel: (namespace, channel) => request('POST', `/namespaces/${encodeURIComponent(namespace)}/channels`, channel),
  decide: (workspace, id, decision) =>
    request('POST', `/workspaces/${encodeURIComponent(workspace)}/invitations/${encodeURIComponent(id)}/decisions`, { decision }),
};
