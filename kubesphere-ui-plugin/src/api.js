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
    this.body = body; // what else the refusal carries, such as the existing evidence of a duplicate
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
  const json = await jsonOf(response);
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

/** The answer's JSON, or null when it has none (an empty body, a proxy's HTML page). */
async function jsonOf(response) {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch (notJson) {
    return null;
  }
}

/** A file the API answers (a PDF): the Blob and its name from Content-Disposition; refusals as {@link request}'s. */
export async function requestFile(path, fetchImpl = globalThis.fetch) {
  const response = await fetchImpl(BASE + path, { method: 'GET', credentials: 'same-origin' });
  if (!response.ok) {
    throw new ApiError(response.status, await jsonOf(response));
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = (disposition.match(/filename="([^"]+)"/) || [])[1];
  return { blob: await response.blob(), name };
}

/**
 * A text stream the service sends a chunk at a time (a followed log): each chunk's complete lines
 * to {@code onLines} as they come, until the stream ends (resolves) or {@code signal} aborts it.
 * A refusal before the stream starts is an ApiError worded as the API words it.
 */
export async function followLines(path, onLines, signal, fetchImpl = globalThis.fetch) {
  const response = await fetchImpl(BASE + path, { method: 'GET', credentials: 'same-origin', signal });
  if (!response.ok) {
    throw new ApiError(response.status, await jsonOf(response));
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    pending += decoder.decode(value, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop(); // a line the next chunk completes
    if (lines.length) {
      onLines(lines);
    }
  }
  pending += decoder.decode();
  if (pending) {
    onLines([pending]);
  }
}

/**
 * A path segment as the service accepts it: the service refuses any percent-escape of an ASCII
 * character (the path it authorizes must be the path it routes), so what a path may hold as it is
 * (such as ':' in an evidence ID) is sent as it is; what it may not ('/', '?', '#', ';', '%', space)
 * stays escaped, and the API refuses it in its words.
 */
export const segment = value => encodeURIComponent(value).replace(/%(3A|40|24|26|2B|2C|3D)/gi, escape => decodeURIComponent(escape));

/**
 * A file sent as the request body with its progress reported (fetch cannot report an upload's
 * progress; XMLHttpRequest can): the answer's JSON, or the refusal as an ApiError.
 */
export function upload(method, path, file, contentType, onProgress = () => {}, Xhr = globalThis.XMLHttpRequest) {
  return new Promise((resolve, reject) => {
    const xhr = new Xhr();
    xhr.open(method, BASE + path);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = event => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onerror = () => reject(new ApiError(0, { message: 'The upload did not reach the service.' }));
    xhr.onload = () => {
      let json = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (notJson) {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(json);
      } else {
        reject(new ApiError(xhr.status, json));
      }
    };
    xhr.send(file);
  });
}

const query = params => {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '';
};

const organizationPath = (workspace, name) => `/workspaces/${segment(workspace)}/organizations/${segment(name)}`;

const channelPath = (namespace, name) => `/namespaces/${segment(namespace)}/channels/${segment(name)}`;

const applicationPath = (namespace, name) => `/namespaces/${segment(namespace)}/applications/${segment(name)}`;

export const api = {
  organizations: workspace => request('GET', `/workspaces/${segment(workspace)}/organizations`),
  createOrganization: (workspace, organization) => request('POST', `/workspaces/${segment(workspace)}/organizations`, organization),
  organization: (workspace, name) => request('GET', `${organizationPath(workspace, name)}`),
  identities: (workspace, name) => request('GET', `${organizationPath(workspace, name)}/identities`),
  issueIdentity: (workspace, name, identity) => request('POST', `${organizationPath(workspace, name)}/identities`, identity),
  exportIdentity: (workspace, name, identity) => request('POST', `${organizationPath(workspace, name)}/identityexports/${segment(identity)}`),
  revoke: (workspace, name, revocation) => request('POST', `${organizationPath(workspace, name)}/revocations`, revocation),
  consortia: workspace => request('GET', `/workspaces/${segment(workspace)}/consortia`),
  consortiumOverview: (workspace, name) =>
    request('GET', `/workspaces/${segment(workspace)}/consortia/${segment(name)}/overview`),
  createConsortium: (workspace, consortium) => request('POST', `/workspaces/${segment(workspace)}/consortia`, consortium),
  invite: (workspace, invitation) => request('POST', `/workspaces/${segment(workspace)}/invitations`, invitation),
  notifications: workspace => request('GET', `/workspaces/${segment(workspace)}/notifications`),
  invitations: workspace => request('GET', `/workspaces/${segment(workspace)}/invitations`),
  allConsortia: () => request('GET', '/consortia'),
  auditLogs: (workspace, page = 1, limit = 20, user = '') =>
    request('GET', `${workspace ? `/workspaces/${segment(workspace)}` : ''}/auditlogs?page=${page}&limit=${limit}`
      + (user ? `&user=${encodeURIComponent(user)}` : '')),
  peers: namespace => request('GET', `/namespaces/${segment(namespace)}/peers`),
  addPeer: (namespace, peer) => request('POST', `/namespaces/${segment(namespace)}/peers`, peer),
  resizePeer: (namespace, name, change) =>
    request('PUT', `/namespaces/${segment(namespace)}/peers/${segment(name)}`, change),
  removePeer: (namespace, name) => request('DELETE', `/namespaces/${segment(namespace)}/peers/${segment(name)}`),
  resizeOrderer: (namespace, name, change) =>
    request('PUT', `/namespaces/${segment(namespace)}/orderers/${segment(name)}`, change),
  connectionProfile: (namespace, organization) =>
    request('GET', `/namespaces/${segment(namespace)}/connectionprofiles/${segment(organization)}`),
  orderers: namespace => request('GET', `/namespaces/${segment(namespace)}/orderers`),
  channels: namespace => request('GET', `/namespaces/${segment(namespace)}/channels`),
  channel: (namespace, name) => request('GET', `${channelPath(namespace, name)}`),
  channelJoins: (namespace, name) => request('GET', `${channelPath(namespace, name)}/channeljoins`),
  joinChannel: (namespace, name) => request('POST', `${channelPath(namespace, name)}/channeljoins`),
  proposals: (namespace, name) => request('GET', `${channelPath(namespace, name)}/proposals`),
  proposalUpdate: (namespace, name, id) => request('GET', `${channelPath(namespace, name)}/proposals/${segment(id)}/update`),
  propose: (namespace, name, proposal) => request('POST', `${channelPath(namespace, name)}/proposals`, proposal),
  decideProposal: (namespace, name, decision) => request('POST', `${channelPath(namespace, name)}/proposalsignatures`, decision),
  chaincodePackages: workspace => request('GET', `/workspaces/${segment(workspace)}/chaincodepackages`),
  chaincodePackage: (workspace, name) => request('GET', `/workspaces/${segment(workspace)}/chaincodepackages/${segment(name)}`),
  packageVersion: (workspace, name, version) =>
    request('GET', `/workspaces/${segment(workspace)}/chaincodepackages/${segment(name)}/versions/${segment(version)}`),
  uploadPackage: (workspace, name, fields, file, onProgress) => upload('POST',
    `/workspaces/${segment(workspace)}/chaincodepackages/${segment(name)}/versions${query(fields)}`, file, 'application/gzip', onProgress),
  uploadJar: (workspace, name, version, file, onProgress) => upload('PUT',
    `/workspaces/${segment(workspace)}/chaincodepackages/${segment(name)}/versions/${segment(version)}/jar`, file, 'application/java-archive', onProgress),
  review: (workspace, name, decision) => request('POST', `/workspaces/${segment(workspace)}/chaincodepackages/${segment(name)}/reviews`, decision),
  chaincodes: (namespace, name) => request('GET', `${channelPath(namespace, name)}/chaincodes`),
  deployChaincode: (namespace, name, deployment) => request('POST', `${channelPath(namespace, name)}/chaincodes`, deployment),
  builtInApps: (namespace, name) => request('GET', `${channelPath(namespace, name)}/builtinapps`),
  enableApp: (namespace, name, app) => request('POST', `${channelPath(namespace, name)}/builtinapps`, app),
  chaincodeApprovals: (namespace, name) => request('GET', `${channelPath(namespace, name)}/chaincodeapprovals`),
  submitChaincode: (namespace, name, invocation) => request('POST', `${channelPath(namespace, name)}/chaincodesubmissions`, invocation),
  evaluateChaincode: (namespace, name, invocation) => request('POST', `${channelPath(namespace, name)}/chaincodeevaluations`, invocation),
  approveChaincode: (namespace, name, approval) => request('POST', `${channelPath(namespace, name)}/chaincodeapprovals`, approval),
  evidences: (namespace, name, page = 1, limit = 10) => request('GET', `${channelPath(namespace, name)}/evidences${query({ page, limit })}`),
  notarize: (namespace, name, evidence) => request('POST', `${channelPath(namespace, name)}/evidences`, evidence),
  verifyEvidence: (namespace, name, digest) => request('POST', `${channelPath(namespace, name)}/evidenceverifications`, digest),
  receipt: (namespace, name, id) => request('GET', `${channelPath(namespace, name)}/evidences/${segment(id)}/receipt`),
  certificate: (namespace, name, id) => requestFile(`${channelPath(namespace, name)}/evidences/${segment(id)}/certificate`),
  assets: (namespace, name) => request('GET', `${channelPath(namespace, name)}/assets`),
  movements: (namespace, name, cursor, limit = 10) =>
    request('GET', `${channelPath(namespace, name)}/assets/movements${query({ limit, continue: cursor })}`),
  issue: (namespace, name, movement) => request('POST', `${channelPath(namespace, name)}/assets/issuances`, movement),
  transfer: (namespace, name, movement) => request('POST', `${channelPath(namespace, name)}/assets/transfers`, movement),
  statistics: (namespace, name, window) => request('GET', `${channelPath(namespace, name)}/statistics${query({ window })}`),
  blocks: (namespace, name, page = 1, limit = 10) => request('GET', `${channelPath(namespace, name)}/blocks${query({ page, limit })}`),
  // A block with a page of its transactions (block.transactions counts them all).
  block: (namespace, name, number, page = 1, limit = 10) =>
    request('GET', `${channelPath(namespace, name)}/blocks/${segment(number)}${query({ page, limit })}`),
  transactions: (namespace, name, filters, page = 1, limit = 10) =>
    request('GET', `${channelPath(namespace, name)}/transactions${query({ ...filters, page, limit })}`),
  transaction: (namespace, name, txId) => request('GET', `${channelPath(namespace, name)}/transactions/${segment(txId)}`),
  // The key in the query, not the path: any key, composite keys with their U+0000 separators too.
  keyHistory: (namespace, name, chaincode, key) =>
    request('GET', `${channelPath(namespace, name)}/keys/${segment(chaincode)}/history${query({ key })}`),
  search: (namespace, name, q) => request('GET', `${channelPath(namespace, name)}/search${query({ q })}`),
  // The last 200 lines, then each new one as the node writes it.
  followNodeLog: (namespace, node, onLines, signal) => followLines(`/namespaces/${segment(namespace)}/${node.kind === 'OrdererNode' ? 'orderers' : 'peers'}`
    + `/${segment(node.metadata.name)}/logs?follow=true&tailLines=200`, onLines, signal),
  followChaincodeServerLog: (namespace, server, onLines, signal) =>
    followLines(`/namespaces/${segment(namespace)}/chaincodeservers/${segment(server)}/logs?follow=true&tailLines=200`, onLines, signal),
  applications: namespace => request('GET', `/namespaces/${segment(namespace)}/applications`),
  createApplication: (namespace, application) => request('POST', `/namespaces/${segment(namespace)}/applications`, application),
  application: (namespace, name) => request('GET', applicationPath(namespace, name)),
  updateApplication: (namespace, name, change) => request('PUT', applicationPath(namespace, name), change),
  deleteApplication: (namespace, name) => request('DELETE', applicationPath(namespace, name)),
  applicationUsage: (namespace, name, days = 7) => request('GET', `${applicationPath(namespace, name)}/usage${query({ days })}`),
  createAccessKey: (namespace, name) => request('POST', `${applicationPath(namespace, name)}/keys`),
  enableAccessKey: (namespace, name, accessKeyId, enabled) =>
    request('PUT', `${applicationPath(namespace, name)}/keys/${segment(accessKeyId)}`, { enabled }),
  deleteAccessKey: (namespace, name, accessKeyId) => request('DELETE', `${applicationPath(namespace, name)}/keys/${segment(accessKeyId)}`),
  webhooks: (namespace, name) => request('GET', `${applicationPath(namespace, name)}/webhooks`),
  createWebhook: (namespace, name, webhook) => request('POST', `${applicationPath(namespace, name)}/webhooks`, webhook),
  deleteWebhook: (namespace, name, webhook) => request('DELETE', `${applicationPath(namespace, name)}/webhooks/${segment(webhook)}`),
  replayWebhook: (namespace, name, webhook, fromBlock) =>
    request('POST', `${applicationPath(namespace, name)}/webhooks/${segment(webhook)}/replays`, { fromBlock }),
  deadLetters: (namespace, name, webhook) => request('GET', `${applicationPath(namespace, name)}/webhooks/${segment(webhook)}/deadletters`),
  createChannel: (namespace, channel) => request('POST', `/namespaces/${segment(namespace)}/channels`, channel),
  decide: (workspace, id, decision) =>
    request('POST', `/workspaces/${segment(workspace)}/invitations/${segment(id)}/decisions`, { decision }),
};
