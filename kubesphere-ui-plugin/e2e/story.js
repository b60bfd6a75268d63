// The plugin's story in Chromium, clicked through the harness (harness/server.js in front of a
// running ks-baas) as two workspace admins and a platform admin: organizations, an identity issued,
// exported and revoked, a consortium and its overview, an invitation followed from the badge and
// accepted, a peer and its connection profile, a channel of both and a proposal both sign, notarization
// of a dropped file and the explorer finding it, an open API application whose key a business system
// signs with, a peer's log followed live, Chinese words, every consortium and the audit log
// (kubesphere-ui-plugin/README.md lists the steps). Screenshots of the pages go to
// SCREENSHOTS. Exits non-zero on the first step that fails, saying what the page showed.
//   HARNESS_URL=http://127.0.0.1:8000 BANK_WORKSPACE=bank-ws BANK_ADMIN=bank-admin \
//   SHIPPER_WORKSPACE=shipper-ws SHIPPER_ADMIN=shipper-admin PLATFORM_ADMIN=admin node e2e/story.js
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const HARNESS = process.env.HARNESS_URL || 'http://127.0.0.1:8000';
const BANK_WS = process.env.BANK_WORKSPACE || 'bank-ws';
const SHIPPER_WS = process.env.SHIPPER_WORKSPACE || 'shipper-ws';
const BANK_ADMIN = process.env.BANK_ADMIN || 'bank-ws-admin';
const SHIPPER_ADMIN = process.env.SHIPPER_ADMIN || 'shipper-ws-admin';
const PLATFORM_ADMIN = process.env.PLATFORM_ADMIN || 'admin';
const SUFFIX = process.env.SUFFIX || '';
const SCREENSHOTS = process.env.SCREENSHOTS || path.join(__dirname, '..', 'target', 'e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** The service's open API port, where a business system calls with an application's key (no harness in between). */
const OPEN_API = process.env.OPEN_API_URL || 'http://127.0.0.1:8090';
const WAIT = { timeout: 30000 };
/** How long a consortium's nodes may take to run and its channel to go live on a busy machine. */
const LIVE = { timeout: 240000 };

async function as(context, user) {
  await context.clearCookies();
  await context.addCookies([{ name: 'harness-user', value: user, url: HARNESS }]);
}

async function shot(page, name, fullPage = false) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Opens a page whose project may still be in the making (404 until the consortium's namespaces exist). */
async function openWhenReady(page, url, heading) {
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    await page.goto(url);
    await page.getByRole('heading', { name: heading }).waitFor(WAIT);
    await page.locator('.ksbaas-loading').first().waitFor({ state: 'detached', ...WAIT }); // every part of the page read
    if (await page.getByRole('alert').count() === 0) return;
    if (Date.now() > deadline) throw new Error(`${url} kept failing: ${await page.getByRole('alert').innerText()}`);
    await page.waitForTimeout(500);
  }
}

async function refreshUntil(page, locator, within = WAIT) {
  const deadline = Date.now() + within.timeout;
  while (await locator.count() === 0) {
    if (Date.now() > deadline) throw new Error(`not shown after refreshing for ${within.timeout} ms: ${locator}`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(500);
  }
}

async function refreshUntilGone(page, locator, within = WAIT) {
  const deadline = Date.now() + within.timeout;
  while (await locator.count() !== 0) {
    if (Date.now() > deadline) throw new Error(`still shown after refreshing for ${within.timeout} ms: ${locator}`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(500);
  }
}

async function createOrganization(page, workspace, name, mspId) {
  await page.goto(`${HARNESS}/workspaces/${workspace}/ksbaas/organizations`);
  await page.getByRole('heading', { name: 'Organizations' }).waitFor(WAIT);
  await page.getByText('No organizations in this workspace yet.').waitFor(WAIT);
  await page.getByRole('button', { name: 'Create Organization' }).click();
  // A refusal is shown as the API words it: an MSP ID with a space.
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=mspId]').fill('not valid');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'mspId' }).waitFor(WAIT);
  await page.locator('input[name=mspId]').fill(mspId);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).waitFor({ state: 'detached', ...WAIT });
  await refreshUntil(page, page.getByRole('cell', { name: mspId, exact: true }));
  await page.getByRole('cell', { name, exact: true }).waitFor(WAIT);
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', error => problems.push(`page error: ${error.message}`));
    page.on('console', message => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    try {
      await story(context, page);
    } catch (error) {
      await shot(page, 'failure').catch(() => {});
      console.error(`failed at ${page.url()}; the page says:\n${await page.locator('body').innerText().catch(() => '?')}`);
      problems.forEach(problem => console.error(problem));
      throw error;
    }
  } finally {
    await browser.close();
  }
}

async function story(context, page) {
  {
    const bank = `bank${SUFFIX}`;
    const shipper = `shipper${SUFFIX}`;
    const consortium = `trade${SUFFIX}`;

    await as(context, BANK_ADMIN);
    await createOrganization(page, BANK_WS, bank, `Bank${SUFFIX}MSP`);
    await shot(page, 'organizations');

    // The bank's page: it issues an identity, exports it once it confirmed (the key leaves the platform), then revokes it.
    await page.getByRole('link', { name: bank, exact: true }).click();
    await page.getByRole('heading', { name: `Organization ${bank}` }).waitFor(WAIT);
    await page.getByText(`Bank${SUFFIX}MSP`).waitFor(WAIT);
    await page.getByRole('button', { name: 'Issue Identity' }).click();
    await page.locator('form[name=issue-identity] input[name=name]').fill('ops');
    await page.locator('form[name=issue-identity] select[name=role]').selectOption('admin');
    await page.getByRole('button', { name: 'Issue', exact: true }).click();
    const ops = page.getByRole('row').filter({ hasText: 'ops' });
    await ops.getByText('Valid').waitFor(WAIT);
    page.once('dialog', dialog => dialog.dismiss());
    await ops.getByRole('button', { name: 'Export' }).click();
    page.once('dialog', dialog => dialog.accept());
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), ops.getByRole('button', { name: 'Export' }).click()]);
    const wallet = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    if (!String(wallet.privateKey || '').includes('PRIVATE KEY') || download.suggestedFilename() !== `${bank}-ops.json`) {
      throw new Error(`the export is not the identity's wallet: ${download.suggestedFilename()} ${Object.keys(wallet)}`);
    }
    await shot(page, 'organization');
    await ops.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('form[name=revoke-identity] select[name=reason]').selectOption('SUPERSEDED');
    await page.locator('form[name=revoke-identity]').getByRole('button', { name: 'Revoke' }).click();
    await ops.getByText('Revoked').waitFor(WAIT);

    await as(context, SHIPPER_ADMIN);
    await createOrganization(page, SHIPPER_WS, shipper, `Shipper${SUFFIX}MSP`);
    // The shipper's admin sees only the shipper's workspace: the bank's is refused as the API words it.
    await page.goto(`${HARNESS}/workspaces/${BANK_WS}/ksbaas/organizations`);
    await page.getByRole('alert').filter({ hasText: 'The request failed' }).waitFor(WAIT);

    await as(context, BANK_ADMIN);
    await page.goto(`${HARNESS}/workspaces/${BANK_WS}/ksbaas/consortia`);
    await page.getByText('This workspace takes part in no consortium yet.').waitFor(WAIT);
    await page.getByRole('button', { name: 'Create Consortium' }).click();
    // The wizard: who leads it, the network, a last look. The API judges the name on the last step; back to fix it.
    const wizard = page.locator('form[name=create-consortium]');
    await wizard.locator('input[name=name]').fill('Trade!');
    await wizard.locator('select[name=organization]').selectOption(bank);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.locator('select[name=orderers]').selectOption('1');
    await wizard.locator('input[name=peersPerMember]').fill('1');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.locator('dl.ksbaas-review').getByText('Platform default').first().waitFor(WAIT);
    await shot(page, 'consortium-wizard');
    await wizard.getByRole('button', { name: 'Create', exact: true }).click();
    await wizard.getByRole('alert').filter({ hasText: 'name' }).waitFor(WAIT);
    await wizard.getByRole('button', { name: 'Back' }).click();
    await wizard.getByRole('button', { name: 'Back' }).click();
    await wizard.locator('input[name=name]').fill(consortium);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Create', exact: true }).click();
    // Created, it opens on its overview: conditions (read again while it progresses), members, nodes, channels, events.
    await page.getByRole('heading', { name: `Consortium ${consortium}` }).waitFor(WAIT);
    await page.getByRole('heading', { name: 'Members' }).waitFor(WAIT);
    await page.getByRole('row').filter({ hasText: BANK_WS }).getByRole('cell', { name: bank, exact: true }).waitFor(WAIT);
    await page.getByRole('row').filter({ hasText: 'Ready' }).first().waitFor(WAIT);
    await shot(page, 'consortium');
    // The list reads the service's cache of the cluster: a new consortium shows within moments.
    await page.getByRole('link', { name: 'Consortia' }).click();
    await refreshUntil(page, page.getByRole('cell', { name: consortium, exact: true }));
    await page.getByRole('row').filter({ hasText: consortium }).getByRole('cell', { name: bank, exact: true }).first().waitFor(WAIT);
    await shot(page, 'consortia');

    // The bank invites the shipper on its Invitations page; an invitation to a workspace that does not exist is refused first.
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('button', { name: 'Invite Organization' }).click();
    const invite = page.locator('form[name=invite]');
    await invite.locator('select[name=consortium]').selectOption(consortium);
    await invite.locator('input[name=organization]').fill(shipper);
    await invite.locator('input[name=workspace]').fill('no-such-workspace');
    await invite.locator('input[name=peers]').fill('1');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await invite.getByRole('alert').waitFor(WAIT);
    await invite.locator('input[name=workspace]').fill(SHIPPER_WS);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await invite.waitFor({ state: 'detached', ...WAIT });
    const sent = page.getByRole('row').filter({ hasText: consortium });
    await sent.getByText('Sent').waitFor(WAIT);
    await sent.getByText('Pending').waitFor(WAIT);
    if (await sent.getByRole('button', { name: 'Accept' }).count() !== 0) throw new Error('the inviting side is offered Accept');

    await as(context, SHIPPER_ADMIN);
    // The shipper's pages show that something awaits it; the badge leads to what.
    await page.goto(`${HARNESS}/workspaces/${SHIPPER_WS}/ksbaas/organizations`);
    await page.getByRole('link', { name: '1 awaiting' }).click();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor(WAIT);
    await page.getByRole('row').filter({ hasText: consortium }).getByText('Invitation').waitFor(WAIT);
    await page.getByRole('link', { name: 'Invitations' }).click();
    const row = page.getByRole('row').filter({ hasText: consortium });
    await row.getByText('Pending').waitFor(WAIT);
    await shot(page, 'invitations');
    await row.getByRole('button', { name: 'Accept' }).click();
    await row.getByText('Accepted').waitFor(WAIT);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('link', { name: '1 awaiting' }).waitFor({ state: 'detached', ...WAIT });
    if (await row.getByRole('button', { name: 'Accept' }).count() !== 0) throw new Error('an accepted invitation still offers Accept');

    // The shipper's project (its consortium namespace, made as it accepted): it adds a peer beside the declared peer0,
    // resizes it and removes it again; the declared one cannot be removed here (its count is the consortium's).
    const project = cluster => `${HARNESS}/${SHIPPER_WS}/clusters/${cluster}/projects/${consortium}-${shipper}`;
    await openWhenReady(page, `${project('host')}/ksbaas/nodes`, 'Nodes');
    await page.getByRole('button', { name: 'Add Peer' }).click();
    await page.locator('form[name=add-peer] input[name=name]').fill('peer1');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.locator('form[name=add-peer]').waitFor({ state: 'detached', ...WAIT });
    await refreshUntil(page, page.getByRole('cell', { name: 'peer1', exact: true }));
    const peer1 = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'peer1', exact: true }) });
    await peer1.getByRole('button', { name: 'Resize' }).click();
    const resize = page.locator('form[name=resize-node]');
    await resize.locator('input[name=cpuRequest]').fill('a lot');
    await resize.getByRole('button', { name: 'Save' }).click();
    await resize.getByRole('alert').filter({ hasText: 'cpu' }).waitFor(WAIT);
    await resize.locator('input[name=cpuRequest]').fill('100m');
    await resize.locator('input[name=memoryLimit]').fill('512Mi');
    await resize.getByRole('button', { name: 'Save' }).click();
    await resize.waitFor({ state: 'detached', ...WAIT });
    await peer1.getByRole('cell', { name: 'cpu 100m / memory 512Mi', exact: true }).waitFor(WAIT);
    await refreshUntil(page, page.getByRole('cell', { name: 'peer0', exact: true }));
    await shot(page, 'nodes');
    const peer0 = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'peer0', exact: true }) });
    page.once('dialog', dialog => dialog.accept());
    await peer0.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('alert').filter({ hasText: 'declared by consortium' }).waitFor(WAIT);
    page.once('dialog', dialog => dialog.dismiss());
    await peer1.getByRole('button', { name: 'Remove' }).click();
    if (await page.getByRole('cell', { name: 'peer1', exact: true }).count() !== 1) throw new Error('a dismissed removal removed peer1');
    page.once('dialog', dialog => dialog.accept());
    await peer1.getByRole('button', { name: 'Remove' }).click();
    await refreshUntil(page, page.getByRole('row').filter({ hasText: 'peer1' }).getByText('Deleting')
      .or(page.locator('tbody').filter({ hasNotText: 'peer1' })));
    await refreshUntilGone(page, page.getByRole('cell', { name: 'peer1', exact: true }));
    // What its applications need: the connection profile, as a file.
    const [profile] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Connection Profile' }).click()]);
    const connection = JSON.parse(fs.readFileSync(await profile.path(), 'utf8'));
    if (profile.suggestedFilename() !== `${shipper}-connection-profile.json` || !JSON.stringify(connection).includes(`Shipper${SUFFIX}MSP`)) {
      throw new Error(`not the shipper's connection profile: ${profile.suggestedFilename()} ${JSON.stringify(connection).slice(0, 200)}`);
    }

    // The bank, in its own project, makes a channel of both organizations.
    await as(context, BANK_ADMIN);
    await openWhenReady(page, `${HARNESS}/${BANK_WS}/clusters/host/projects/${consortium}-${bank}/ksbaas/channels`, 'Channels');
    await page.getByRole('button', { name: 'Create Channel' }).click();
    await page.locator('form[name=create-channel] input[name=name]').fill('shipping');
    await page.locator('form[name=create-channel] input[name=organizations]').fill(`${bank}, ${shipper}`);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.locator('form[name=create-channel]').waitFor({ state: 'detached', ...WAIT });
    await refreshUntil(page, page.getByRole('cell', { name: 'shipping', exact: true }));
    await page.getByRole('cell', { name: `${bank}, ${shipper}`, exact: true }).waitFor(WAIT);
    await shot(page, 'channels');
    await page.getByRole('link', { name: 'shipping', exact: true }).click();
    await page.getByRole('heading', { name: 'Channel shipping' }).waitFor(WAIT);
    await page.getByText(`${bank}, ${shipper}`).waitFor(WAIT);
    // Live once its orderer and both peers run (the sandbox runtime runs them): the bank's peer0 joined.
    await refreshUntil(page, page.locator('dd').filter({ hasText: /^Ready$/ }), LIVE);
    await page.getByRole('heading', { name: 'Peers of my organization' }).waitFor(WAIT);
    await page.getByRole('row').filter({ hasText: 'peer0' }).getByText('Joined').first().waitFor(WAIT);

    // The bank proposes a change both must sign: one that cannot apply is refused in the API's words, then a policy.
    await page.getByRole('button', { name: 'Propose Change' }).click();
    const propose = page.locator('form[name=propose-change]');
    await propose.locator('select[name=kind]').selectOption('AddOrganization');
    await propose.locator('input[name=organization]').fill(shipper);
    await propose.getByRole('button', { name: 'Propose' }).click();
    await propose.getByRole('alert').waitFor(WAIT);
    await propose.locator('select[name=kind]').selectOption('Policies');
    await propose.locator('input[name=policyRule]').fill('ANY Endorsement');
    await propose.getByRole('button', { name: 'Propose' }).click();
    await propose.waitFor({ state: 'detached', ...WAIT });
    const proposal = page.locator('article.ksbaas-proposal').filter({ hasText: 'Open' });
    await proposal.getByText(`Awaiting: ${bank}, ${shipper}`).or(proposal.getByText(`Awaiting: ${shipper}, ${bank}`)).waitFor(WAIT);
    await proposal.getByText('ANY Endorsement').first().waitFor(WAIT);
    await proposal.getByRole('button', { name: 'Sign', exact: true }).click();
    await proposal.getByText(`Awaiting: ${shipper}`).waitFor(WAIT);
    if (await proposal.getByRole('button', { name: 'Sign', exact: true }).count() !== 0) throw new Error('the bank is offered Sign again');
    await shot(page, 'channel');

    // The shipper signs in its own project: that completes the signatures and the orderer takes the update.
    await as(context, SHIPPER_ADMIN);
    await openWhenReady(page, `${project('host')}/ksbaas/channels/shipping`, 'Channel shipping');
    const awaiting = page.locator('article.ksbaas-proposal').filter({ hasText: 'ANY Endorsement' });
    await awaiting.getByText(`Awaiting: ${shipper}`).waitFor(WAIT);
    await awaiting.getByRole('button', { name: 'Sign', exact: true }).click();
    await awaiting.getByText('Submitted').waitFor(WAIT);
    await awaiting.getByText(`${shipper}: Signed`).waitFor(WAIT);
    await shot(page, 'proposal-signed');

    const { document } = await notarizeAndExplore(context, page, { bank, shipper, consortium });
    await transferAssets(context, page, { bank, shipper, consortium });
    await reviewAndDeployChaincode(context, page, { bank, shipper, consortium });
    await openApiApplication(context, page, { bank, consortium, document });
    await followNodeLog(context, page, { bank, consortium });

    // The menu and the page in Chinese, as the shipper.
    await as(context, SHIPPER_ADMIN);
    await page.goto(`${HARNESS}/workspaces/${SHIPPER_WS}/ksbaas/invitations`);
    await page.getByRole('heading', { name: 'Invitations' }).waitFor(WAIT);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '邀请' }).waitFor(WAIT);
    await page.getByRole('link', { name: '组织' }).click();
    await page.getByRole('heading', { name: '组织' }).waitFor(WAIT);
    await page.getByRole('cell', { name: shipper, exact: true }).waitFor(WAIT);
    await shot(page, 'organizations-zh');

    // A platform admin sees every consortium and, in the audit log, the export of the bank's identity.
    await page.getByRole('button', { name: 'English' }).click();
    await as(context, PLATFORM_ADMIN);
    await page.goto(`${HARNESS}/ksbaas/consortia`);
    await refreshUntil(page, page.getByRole('cell', { name: consortium, exact: true }));
    await page.getByRole('link', { name: 'Audit Log' }).click();
    await page.locator('form[name=audit-filter] input[name=user]').fill(BANK_ADMIN);
    await page.getByRole('button', { name: 'Filter' }).click();
    // Newest first: the export is some pages back, behind what the bank did since.
    await page.getByRole('row').filter({ hasText: BANK_ADMIN }).first().waitFor(WAIT);
    const exported = page.getByRole('row').filter({ hasText: `/organizations/${bank}/identityexports/ops` }).first();
    while (await exported.count() === 0) {
      const next = page.getByRole('button', { name: 'Next', exact: true });
      if (await next.isDisabled()) throw new Error('the identity export is not in the audit log');
      await next.click();
      // The page that was asked for has come: its label moved on and nothing is loading any more.
      await page.locator('section.ksbaas-page[aria-busy="false"]').waitFor(WAIT);
    }
    await shot(page, 'audit');
    console.log('story passed');
  }
}

const sha256 = text => crypto.createHash('sha256').update(text).digest('hex');

/** Drops a file with this text on the page's drop zone, as a user drags one from the desktop. */
async function dropFile(page, name, text) {
  const dataTransfer = await page.evaluateHandle(([fileName, content]) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], fileName, { type: 'text/plain' }));
    return transfer;
  }, [name, text]);
  await page.locator('.ksbaas-dropzone').dispatchEvent('drop', { dataTransfer });
}

async function digestShown(page, digest) {
  await page.locator(`form[name=notarize] input[name=digest][value="${digest}"]`).waitFor(WAIT);
}

/** Runs a search until the explorer's index has what it looks for (it follows the channel as blocks commit). */
async function searchUntilFound(page, q, found) {
  const deadline = Date.now() + LIVE.timeout;
  for (;;) {
    await page.locator('form[name=explorer-search] input[name=q]').fill(q);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    try {
      await found.waitFor({ timeout: 2000 });
      return;
    } catch (notYet) {
      if (Date.now() > deadline) throw new Error(`the explorer did not find ${q}`);
    }
  }
}

/**
 * Notarization on the story's channel: the bank enables it and both organizations approve its
 * chaincode; a dropped file is hashed in the browser, notarized, verified, refused a second time,
 * and a changed file does not verify; the receipt and the certificate download; then the
 * explorer finds the notarization by transaction ID and by block number.
 */
async function notarizeAndExplore(context, page, { bank, shipper, consortium }) {
  const bankProject = `${HARNESS}/${BANK_WS}/clusters/host/projects/${consortium}-${bank}`;
  const shipperProject = `${HARNESS}/${SHIPPER_WS}/clusters/host/projects/${consortium}-${shipper}`;
  await as(context, BANK_ADMIN);
  await openWhenReady(page, `${bankProject}/ksbaas/channels/shipping`, 'Channel shipping');
  await page.getByRole('link', { name: 'Notarization' }).click();
  await page.getByRole('heading', { name: 'Notarization · shipping' }).waitFor(WAIT);
  await page.getByText('Not enabled').waitFor(WAIT);
  await page.getByRole('button', { name: 'Enable' }).click();
  await page.getByRole('button', { name: 'Approve for my organization' }).click();
  await page.getByRole('row').filter({ hasText: bank }).getByText(/Approved|Consent given/).waitFor(WAIT);
  await shot(page, 'notarization-approvals');

  await as(context, SHIPPER_ADMIN);
  await openWhenReady(page, `${shipperProject}/ksbaas/channels/shipping/notarization`, 'Notarization · shipping');
  await page.getByRole('button', { name: 'Approve for my organization' }).click();
  // Both approved: the platform commits it and the peers start it; the page follows until it is Ready.
  await page.locator('.ksbaas-dropzone').waitFor(LIVE);

  await as(context, BANK_ADMIN);
  await openWhenReady(page, `${bankProject}/ksbaas/channels/shipping/notarization`, 'Notarization · shipping');
  await page.locator('.ksbaas-dropzone').waitFor(LIVE);
  const document = `bill of lading ${SUFFIX} ${Date.now()}`;
  await dropFile(page, 'bill-of-lading.txt', document);
  await digestShown(page, sha256(document)); // hashed in the browser: the same digest as Node's
  if (await page.locator('form[name=notarize] input[name=title]').inputValue() !== 'bill-of-lading.txt') {
    throw new Error('the dropped file did not name the evidence');
  }
  await page.locator('form[name=notarize] input[name=metadata]').fill('{"shipment":"42"}');
  await page.getByRole('button', { name: 'Notarize', exact: true }).click();
  await page.locator('.ksbaas-notarized').waitFor(LIVE);
  const notarized = await page.locator('.ksbaas-notarized').innerText();
  const [, txId, block] = notarized.match(/transaction ([0-9a-f]{64}), block (\d+)/) || [];
  if (!txId) throw new Error(`not the words of a notarization: ${notarized}`);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await page.locator('.ksbaas-recorded').filter({ hasText: `in transaction ${txId}, block ${block}` }).waitFor(WAIT);
  // Notarized before: refused, with who recorded it.
  await page.getByRole('button', { name: 'Notarize', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'The request failed' }).waitFor(WAIT);
  await page.locator('.ksbaas-recorded').filter({ hasText: txId }).waitFor(WAIT);
  await shot(page, 'notarization', true);
  // One character changed: not recorded. In SM3, hashed here too, and agreeing with OpenSSL's.
  const changed = `${document}.`;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.writeFileSync(path.join(SCREENSHOTS, 'amended-document.txt'), changed); // the test has the service hash it too
  await dropFile(page, 'bill-of-lading.txt', changed);
  await digestShown(page, sha256(changed));
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await page.locator('.ksbaas-not-recorded').waitFor(WAIT);
  await page.locator('select[name=hashAlgorithm]').selectOption('SM3');
  await digestShown(page, crypto.createHash('sm3').update(changed).digest('hex'));
  await page.locator('form[name=notarize] input[name=title]').fill('amended bill of lading');
  await page.getByRole('button', { name: 'Notarize', exact: true }).click();
  await page.locator('.ksbaas-notarized').waitFor(LIVE);

  // Its receipt and its certificate, from the list of my evidences.
  const row = page.getByRole('row').filter({ hasText: 'bill-of-lading.txt' });
  const [receiptFile] = await Promise.all([page.waitForEvent('download', WAIT), row.getByRole('button', { name: 'Receipt' }).click()]);
  const receipt = JSON.parse(fs.readFileSync(await receiptFile.path(), 'utf8'));
  if (receipt.digest !== sha256(document) || receipt.txId !== txId) {
    throw new Error(`not this evidence's receipt: ${JSON.stringify(receipt).slice(0, 300)}`);
  }
  const [pdf] = await Promise.all([page.waitForEvent('download', WAIT), row.getByRole('button', { name: 'Certificate (PDF)' }).click()]);
  if (!fs.readFileSync(await pdf.path()).subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('the certificate is no PDF');

  // The explorer finds it by transaction ID and by block number.
  await page.goto(`${bankProject}/ksbaas/channels/shipping`);
  await page.getByRole('link', { name: 'Explorer' }).click();
  await page.getByRole('heading', { name: 'Explorer · shipping' }).waitFor(WAIT);
  await searchUntilFound(page, txId, page.locator('.ksbaas-transaction').filter({ hasText: txId }));
  await page.locator('.ksbaas-transaction').getByText('VALID', { exact: true }).waitFor(WAIT);
  await page.locator('.ksbaas-transaction').getByText('notarization', { exact: false }).first().waitFor(WAIT);
  await shot(page, 'explorer-transaction', true);
  await searchUntilFound(page, block, page.getByRole('heading', { name: `Block ${block}` }));
  await page.locator('.ksbaas-block').getByRole('link', { name: txId.slice(0, 16) }).click();
  await page.locator('.ksbaas-transaction').filter({ hasText: txId }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Close' }).click();
  await page.locator('svg.ksbaas-chart').waitFor(WAIT);
  // The transactions list, filtered: the notarization is among the chaincode's valid ones, not another creator's.
  const filter = page.locator('form[name=transaction-filter]');
  const listed = page.locator('form[name=transaction-filter] + div').getByRole('link', { name: txId.slice(0, 16) });
  await filter.locator('input[name=chaincode]').fill('notarization');
  await filter.locator('select[name=status]').selectOption('valid');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await listed.waitFor(WAIT);
  await filter.locator('input[name=creator]').fill('NoSuchMSP');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await listed.waitFor({ state: 'detached', ...WAIT });
  // The evidence's composite key, typed as the page shows keys (␀ for U+0000): its history is the notarization.
  const history = page.locator('form[name=key-history]');
  await history.locator('input[name=chaincode]').fill('notarization');
  await history.locator('input[name=key]').fill(`␀evidence␀SHA-256␀${sha256(document)}␀`);
  await history.getByRole('button', { name: 'Show history' }).click();
  await page.locator('form[name=key-history] ~ table').getByText(txId.slice(0, 16)).waitFor(WAIT);
  await page.getByRole('row').filter({ has: page.getByRole('link', { name: block, exact: true }) }).waitFor(WAIT);
  await shot(page, 'explorer', true);
  return { document };
}

/**
 * One request to the open API as a business system sends it, signed with KSB-HMAC-SHA256
 * (docs/open-api.md): {status, body}.
 */
async function openApi({ accessKeyId, secret }, method, path, body) {
  const url = new URL(path, OPEN_API);
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
  const hex = data => crypto.createHash('sha256').update(data).digest('hex');
  const headers = {
    host: url.host,
    'x-ksb-content-sha256': hex(payload),
    'x-ksb-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
    'x-ksb-nonce': crypto.randomBytes(16).toString('hex'),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const names = Object.keys(headers).sort();
  const canonical = [method, url.pathname, '', ...names.map(name => `${name}:${headers[name]}`), names.join(';'), headers['x-ksb-content-sha256']];
  const toSign = ['KSB-HMAC-SHA256', headers['x-ksb-date'], hex(canonical.join('\n'))].join('\n');
  const signature = crypto.createHmac('sha256', secret).update(toSign).digest('hex');
  const { host, ...sent } = headers; // fetch sends Host itself, as the URL names it
  const response = await fetch(url, { method, body: body === undefined ? undefined : payload, headers: { ...sent,
    Authorization: `KSB-HMAC-SHA256 Credential=${accessKeyId}, SignedHeaders=${names.join(';')}, Signature=${signature}` } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * The bank makes an application that may only verify and read notarizations, and a key whose secret
 * the page shows once; a business system verifies the notarized document with it and is refused a
 * notarization; the page shows those calls; a disabled key is refused.
 */
async function openApiApplication(context, page, { bank, consortium, document }) {
  const namespace = `${consortium}-${bank}`;
  await as(context, BANK_ADMIN);
  await page.goto(`${HARNESS}/${BANK_WS}/clusters/host/projects/${namespace}/ksbaas/channels`);
  await page.getByRole('link', { name: 'Applications' }).click();
  await page.getByRole('heading', { name: 'Applications' }).waitFor(WAIT);
  await page.getByText('No applications in this project yet.').waitFor(WAIT);
  await page.getByRole('button', { name: 'Create Application' }).click();
  const form = page.locator('form[name=create-application]');
  await form.locator('input[name=name]').fill('erp');
  await form.locator('input[name=description]').fill('The bank\'s ERP');
  // Nothing ticked: refused in the API's words, naming the scope's field.
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await form.getByRole('alert').filter({ hasText: 'scopes[0].operations' }).waitFor(WAIT);
  await form.locator('input[name="scopes[0].verify"]').check();
  await form.locator('input[name="scopes[0].read"]').check();
  await form.locator('select[name="scopes[0].access"]').selectOption('read-only');
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await form.waitFor({ state: 'detached', ...WAIT });
  await page.getByRole('row').filter({ hasText: 'shipping · notarization: verify, read (read-only)' }).waitFor(WAIT);
  await shot(page, 'applications');

  await page.getByRole('link', { name: 'erp', exact: true }).click();
  await page.getByRole('heading', { name: 'Application · erp' }).waitFor(WAIT);
  await page.getByText('No access keys yet.').waitFor(WAIT);
  await page.getByRole('button', { name: 'Create Access Key' }).click();
  const key = {
    accessKeyId: (await page.locator('.ksbaas-access-key-id').innerText({ timeout: WAIT.timeout })).trim(),
    secret: (await page.locator('.ksbaas-secret').innerText()).trim(),
  };
  await page.getByRole('row').filter({ hasText: key.accessKeyId }).getByText('Enabled', { exact: true }).waitFor(WAIT);
  await shot(page, 'application-key', true);
  await page.getByRole('button', { name: 'I Have Saved It' }).click();
  await page.locator('.ksbaas-secret').waitFor({ state: 'detached', ...WAIT });
  if ((await page.locator('body').innerText()).includes(key.secret)) throw new Error('the secret is still on the page');

  const evidences = `/openapi/v1/namespaces/${namespace}/channels/shipping`;
  const verified = await openApi(key, 'POST', `${evidences}/evidenceverifications`, { digest: sha256(document), hashAlgorithm: 'SHA-256' });
  if (verified.status !== 200 || !verified.body.recorded) throw new Error(`the key did not verify the evidence: ${JSON.stringify(verified)}`);
  const notarized = await openApi(key, 'POST', `${evidences}/evidences`, { digest: sha256(`${document} again`), title: 'not allowed' });
  if (notarized.status !== 403 || notarized.body.reason !== 'OutOfScope') throw new Error(`a read-only key notarized: ${JSON.stringify(notarized)}`);
  // Both calls in today's usage, one of them answered 2xx.
  await refreshUntil(page, page.locator('.ksbaas-usage').getByRole('row').filter({ has: page.getByRole('cell', { name: '2', exact: true }) })
    .filter({ has: page.getByRole('cell', { name: '1', exact: true }) }));
  await shot(page, 'application', true);

  await page.getByRole('row').filter({ hasText: key.accessKeyId }).getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('row').filter({ hasText: key.accessKeyId }).getByText('Disabled', { exact: true }).waitFor(WAIT);
  const refused = await openApi(key, 'POST', `${evidences}/evidenceverifications`, { digest: sha256(document), hashAlgorithm: 'SHA-256' });
  if (refused.status !== 401 || refused.body.reason !== 'KeyDisabled') throw new Error(`a disabled key was taken: ${JSON.stringify(refused)}`);
}

/**
 * The bank follows its peer's log on the Nodes page while another client notarizes: the block that
 * notarization lands in shows up in the followed log, without reloading.
 */
async function followNodeLog(context, page, { bank, consortium }) {
  const namespace = `${consortium}-${bank}`;
  await as(context, BANK_ADMIN);
  await page.goto(`${HARNESS}/${BANK_WS}/clusters/host/projects/${namespace}/ksbaas/nodes`);
  await page.getByRole('heading', { name: 'Nodes' }).waitFor(WAIT);
  await page.getByRole('row').filter({ hasText: 'peer0' }).getByRole('button', { name: 'Logs' }).click();
  const log = page.locator('.ksbaas-log');
  await log.filter({ hasText: 'Committed block [' }).waitFor(WAIT);
  await page.getByText('Following: new lines appear as they are written.').waitFor(WAIT);
  // Another client of the same user (the harness adds its token), outside this page.
  const answer = await context.request.post(`${HARNESS}/kapis/baas.io/v1/namespaces/${namespace}/channels/shipping/evidences`,
    { data: { digest: sha256(`followed ${SUFFIX} ${Date.now()}`), hashAlgorithm: 'SHA-256', title: 'while following the log' } });
  if (answer.status() !== 201) throw new Error(`the notarization failed: ${answer.status()} ${await answer.text()}`);
  const { blockNumber } = await answer.json();
  await log.filter({ hasText: `Committed block [${blockNumber}] with 1 transaction(s)` }).waitFor(LIVE);
  await shot(page, 'node-log');
  await page.getByRole('button', { name: 'Close' }).click();
  await log.waitFor({ state: 'detached', ...WAIT });
}

/** The account the assets page shows as mine: its MSP ID and client ID. */
async function myAccount(page) {
  const text = (await page.locator('.ksbaas-account dd code').first().innerText()).trim();
  const space = text.indexOf(' ');
  return { mspId: text.slice(0, space), clientId: text.slice(space + 1) };
}

async function move(page, form, to, amount) {
  const move = page.locator(`form[name=${form}]`);
  await move.locator('input[name=mspId]').fill(to.mspId);
  await move.locator('input[name=clientId]').fill(to.clientId);
  await move.locator('input[name=amount]').fill(String(amount));
  await move.getByRole('button').click();
  return move;
}

/**
 * Asset transfer on the story's channel: the bank enables it as the one minter, both approve, the
 * bank initializes it once committed, issues to itself and transfers to the shipper's account (an
 * overdraft refused first); both see their balance and movements.
 */
async function transferAssets(context, page, { bank, shipper, consortium }) {
  const assetsOf = (workspace, organization) => `${HARNESS}/${workspace}/clusters/host/projects/${consortium}-${organization}/ksbaas/channels/shipping/assets`;
  await as(context, BANK_ADMIN);
  await page.goto(`${HARNESS}/${BANK_WS}/clusters/host/projects/${consortium}-${bank}/ksbaas/channels/shipping`);
  await page.getByRole('link', { name: 'Assets' }).click();
  await page.getByRole('heading', { name: 'Assets · shipping' }).waitFor(WAIT);
  if (await page.locator('form[name=enable-app] input[name=minters]').inputValue() !== bank) throw new Error('my organization is not the default minter');
  await page.getByRole('button', { name: 'Enable', exact: true }).click();
  await page.getByRole('button', { name: 'Approve for my organization' }).click();
  await page.getByRole('row').filter({ hasText: bank }).getByText(/Approved|Consent given/).waitFor(WAIT);

  await as(context, SHIPPER_ADMIN);
  await openWhenReady(page, assetsOf(SHIPPER_WS, shipper), 'Assets · shipping');
  await page.getByRole('button', { name: 'Approve for my organization' }).click();
  await page.getByText('Awaiting initialization').waitFor(LIVE);

  await as(context, BANK_ADMIN);
  await openWhenReady(page, assetsOf(BANK_WS, bank), 'Assets · shipping');
  await page.getByRole('button', { name: 'Initialize' }).click();
  await page.locator('.ksbaas-account').waitFor(LIVE);
  const bankAccount = await myAccount(page);

  await as(context, SHIPPER_ADMIN);
  await openWhenReady(page, assetsOf(SHIPPER_WS, shipper), 'Assets · shipping');
  await page.locator('.ksbaas-account').waitFor(LIVE);
  const shipperAccount = await myAccount(page);
  if (await page.locator('form[name=issue]').count() !== 0) throw new Error('a non-minter is offered Issue');

  await as(context, BANK_ADMIN);
  await openWhenReady(page, assetsOf(BANK_WS, bank), 'Assets · shipping');
  await page.locator('.ksbaas-account').waitFor(WAIT);
  const issued = await move(page, 'issue', bankAccount, 100);
  await issued.locator('.ksbaas-moved').waitFor(LIVE);
  await page.locator('.ksbaas-balance').filter({ hasText: /^100$/ }).waitFor(WAIT);
  const overdraft = await move(page, 'transfer', shipperAccount, 1000);
  await overdraft.getByRole('alert').waitFor(LIVE);
  const sent = await move(page, 'transfer', shipperAccount, 30);
  await sent.locator('.ksbaas-moved').waitFor(LIVE);
  await page.locator('.ksbaas-balance').filter({ hasText: /^70$/ }).waitFor(WAIT);
  await page.getByRole('row').filter({ hasText: 'Issued' }).getByRole('cell', { name: '100', exact: true }).first().waitFor(WAIT);
  await page.getByRole('row').filter({ hasText: 'Sent' }).getByRole('cell', { name: '70', exact: true }).waitFor(WAIT);
  await shot(page, 'assets', true);

  await as(context, SHIPPER_ADMIN);
  await openWhenReady(page, assetsOf(SHIPPER_WS, shipper), 'Assets · shipping');
  await page.locator('.ksbaas-balance').filter({ hasText: /^30$/ }).waitFor(WAIT);
  await page.getByRole('row').filter({ hasText: 'Received' }).getByRole('cell', { name: '30', exact: true }).first().waitFor(WAIT);
}

/** Uploads a version of a chaincode, then the jar it names; the version's page opens with its report. */
async function uploadVersion(page, name, version) {
  await page.getByRole('button', { name: 'Upload Chaincode' }).click();
  const form = page.locator('form[name=upload-chaincode]');
  await form.locator('input[name=name]').fill(name);
  await form.locator('input[name=version]').fill(version);
  await form.locator('input[name=package]').setInputFiles(path.join(SCREENSHOTS, `${name}-${version}.tar.gz`));
  await form.getByRole('button', { name: 'Upload', exact: true }).click();
  await form.waitFor({ state: 'detached', ...WAIT });
  const detail = page.locator('section.ksbaas-version').filter({ hasText: `${name} ${version}` });
  await detail.getByText('ledger.jar · not uploaded').waitFor(WAIT);
  await detail.locator('input[name=jar]').setInputFiles(path.join(SCREENSHOTS, `${name}-${version}.jar`));
  await detail.getByText('ledger.jar · uploaded').waitFor(WAIT);
  return detail;
}

/**
 * The chaincode repository and deployment: the bank uploads a clean version and one that reads the
 * clock (its report shows the finding), cannot review its own; a platform admin rejects the one and
 * approves the other; the bank deploys the approved one to the channel and both organizations approve
 * it until it is committed and running.
 */
async function reviewAndDeployChaincode(context, page, { bank, shipper, consortium }) {
  const repository = `${HARNESS}/workspaces/${BANK_WS}/ksbaas/chaincodes`;
  await as(context, BANK_ADMIN);
  await page.goto(repository);
  await page.getByRole('heading', { name: 'Chaincode Repository' }).waitFor(WAIT);
  const clean = await uploadVersion(page, 'ledger', '1');
  await clean.getByText('No findings.').waitFor(WAIT);
  const clocked = await uploadVersion(page, 'ledger', '2');
  await clocked.getByRole('cell', { name: 'WALL_CLOCK' }).first().waitFor(WAIT);
  await shot(page, 'chaincode-review', true);
  // Its uploader may not review it.
  await clocked.getByRole('button', { name: 'Approve', exact: true }).click();
  await clocked.getByRole('alert').waitFor(WAIT);

  await as(context, PLATFORM_ADMIN);
  await page.goto(`${repository}?chaincode=ledger&version=2`);
  const rejecting = page.locator('section.ksbaas-version').filter({ hasText: 'ledger 2' });
  await rejecting.locator('input[name=comment]').fill('It reads the clock: endorsements would differ.');
  await rejecting.getByRole('button', { name: 'Reject', exact: true }).click();
  await rejecting.locator('.ksbaas-review-state').filter({ hasText: 'Rejected' }).waitFor(WAIT);
  await page.getByRole('link', { name: '1 · Submitted' }).click();
  const approving = page.locator('section.ksbaas-version').filter({ hasText: 'ledger 1' });
  await approving.getByRole('button', { name: 'Approve', exact: true }).click();
  await approving.locator('.ksbaas-review-state').filter({ hasText: 'Approved' }).waitFor(WAIT);

  await as(context, BANK_ADMIN);
  const chaincodesOf = (workspace, organization) => `${HARNESS}/${workspace}/clusters/host/projects/${consortium}-${organization}/ksbaas/channels/shipping/chaincodes`;
  await page.goto(`${HARNESS}/${BANK_WS}/clusters/host/projects/${consortium}-${bank}/ksbaas/channels/shipping`);
  await page.getByRole('link', { name: 'Chaincodes' }).click();
  await page.getByRole('heading', { name: 'Chaincodes · shipping' }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Deploy Chaincode' }).click();
  const deploy = page.locator('form[name=deploy-chaincode]');
  await deploy.locator('input[name=name]').fill('ledger');
  await deploy.locator('select[name=choice]').selectOption({ label: `${BANK_WS}/ledger 1` });
  await deploy.getByText('This deployment will be sequence 1.').waitFor(WAIT);
  await deploy.getByRole('button', { name: 'Deploy', exact: true }).click();
  await deploy.waitFor({ state: 'detached', ...WAIT });
  const approvals = page.locator('.ksbaas-approvals').filter({ hasText: 'ledger' });
  await approvals.getByRole('button', { name: 'Approve for my organization' }).click();
  await approvals.getByRole('row').filter({ hasText: bank }).getByText(/Approved|Consent given/).waitFor(WAIT);

  await as(context, SHIPPER_ADMIN);
  await openWhenReady(page, chaincodesOf(SHIPPER_WS, shipper), 'Chaincodes · shipping');
  await page.locator('.ksbaas-approvals').filter({ hasText: 'ledger' }).getByRole('button', { name: 'Approve for my organization' }).click();
  // Both approved: committed, and its server started on the peers; the page follows until then.
  await page.getByRole('row').filter({ hasText: 'ledger' }).getByRole('cell', { name: /· Committed$/ }).waitFor(LIVE);
  await shot(page, 'chaincodes', true);

  // The shipper calls it as itself: a submission commits, an evaluation reads it back (the peers start its server on the first call).
  const invoke = page.locator('form[name=invoke-chaincode]');
  await invoke.locator('select[name=chaincode]').selectOption('ledger');
  await invoke.locator('input[name=function]').fill('Put');
  await invoke.locator('textarea[name=arguments]').fill('shelf\n3 pears');
  await invoke.getByRole('button', { name: 'Submit', exact: true }).click();
  await invoke.locator('.ksbaas-invoked').filter({ hasText: /Committed in transaction [0-9a-f]{64}, block \d+\./ }).waitFor(LIVE);
  await invoke.locator('input[name=function]').fill('Get');
  await invoke.locator('textarea[name=arguments]').fill('shelf');
  await invoke.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await invoke.locator('.ksbaas-result').filter({ hasText: /^3 pears$/ }).waitFor(WAIT);
  await shot(page, 'chaincode-invoked', true);

  // The shipper's own server of it: its output as a container's log, followed live.
  await page.getByRole('row').filter({ hasText: 'ledger' }).getByRole('button', { name: 'Server log' }).click();
  await page.getByRole('heading', { name: /^Server log · / }).waitFor(WAIT);
  await page.getByText('Following: new lines appear as they are written.').waitFor(WAIT);
  await page.locator('.ksbaas-log').filter({ hasText: /\S/ }).waitFor(WAIT);
  await shot(page, 'chaincode-server-log', true);
  await page.locator('.ksbaas-node-log').getByRole('button', { name: 'Close' }).click();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
