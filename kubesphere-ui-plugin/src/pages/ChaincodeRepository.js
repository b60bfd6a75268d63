import React from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi, useAttempt } from '../useApi';
import { Page, Refusal, Table, Unready } from './parts';
import { useSubmission } from './Form';

const LANGUAGES = ['java', 'go', 'node'];
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'];

export function ChaincodeTable({ chaincodes, onOpen }) {
  return (
    <Table rowKey={c => c.name} rows={chaincodes} columns={[
      ['name', t('NAME'), c => c.name],
      ['source', t('SOURCE'), c => (c.platform ? t('PLATFORM_PACKAGE') : t('THIS_WORKSPACE'))],
      ['language', t('LANGUAGE'), c => c.language || ''],
      ['versions', t('VERSIONS'), c => (
        <span style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {(c.versions || []).map(v => (
            <a key={v.version} href="#" onClick={event => { event.preventDefault(); onOpen(c.name, v.version); }}>
              {`${v.version} · ${t(`REVIEW_${v.state}`)}`}
            </a>
          ))}
        </span>
      )],
    ]} />
  );
}

/** The bytecode findings, most severe first, with the class and method each is in. */
export function FindingTable({ findings }) {
  const sorted = [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return (
    <Table rowKey={(f, i) => `${f.className}#${f.method}#${f.category}#${f.detail}`} rows={sorted} columns={[
      ['severity', t('SEVERITY'), f => f.severity], ['category', t('CATEGORY'), f => f.category],
      ['class', t('CLASS'), f => <code>{f.className}</code>], ['method', t('METHOD'), f => <code>{f.method}</code>],
      ['detail', t('DETAIL'), f => f.detail]]} />
  );
}

/** One version: its facts, its review report, and for a Submitted one the reviewer's decision. */
function VersionDetail({ workspace, name, version, onChanged }) {
  const state = useApi(() => api.packageVersion(workspace, name, version), [workspace, name, version]);
  const [comment, setComment] = React.useState('');
  const [jarProgress, setJarProgress] = React.useState(null);
  const { failure, attempt } = useAttempt(() => { state.reload(); onChanged(); });
  if (!state.data) {
    return <Unready state={state} />;
  }
  const v = state.data;
  const report = v.report || { findings: [], couchDbIndexes: [], collections: [], notes: [] };
  const decide = decision => attempt(() => api.review(workspace, name, { version, decision, comment }));
  return (
    <section className="ksbaas-version" style={{ border: '1px solid #ccd3db', borderRadius: 4, padding: 12, margin: '12px 0' }}>
      <h3>{`${name} ${version}`}</h3>
      <dl className="ksbaas-properties" style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 4 }}>
        <dt>{t('STATE')}</dt><dd className="ksbaas-review-state">{t(`REVIEW_${v.state}`)}</dd>
        <dt>{t('PACKAGE_ID')}</dt><dd><code>{v.packageId}</code></dd>
        <dt>{t('SIZE')}</dt><dd>{`${v.sizeBytes} B`}</dd>
        <dt>{t('UPLOADED_BY')}</dt><dd>{`${v.uploadedBy || ''} ${v.uploadTime || ''}`}</dd>
        <dt>{t('JAR')}</dt><dd>{v.jarName ? `${v.jarName} · ${v.jarUploaded ? t('UPLOADED') : t('NOT_UPLOADED')}` : t('NONE')}</dd>
        {v.reviewedBy && [<dt key="rt">{t('REVIEWED_BY')}</dt>, <dd key="rd">{`${v.reviewedBy} ${v.reviewComment || ''}`}</dd>]}
      </dl>
      {v.jarName && !v.jarUploaded && !v.platform && (
        <label>
          {t('UPLOAD_JAR', { jar: v.jarName })}
          <input type="file" name="jar" accept=".jar" onChange={event => event.target.files[0] && attempt(async () => {
            await api.uploadJar(workspace, name, version, event.target.files[0], setJarProgress);
          })} />
          {jarProgress !== null && <progress max="1" value={jarProgress} />}
        </label>
      )}
      <h4>{t('REVIEW_REPORT')}</h4>
      <p className="ksbaas-report-summary">{report.summary || ''}</p>
      {report.findings.length === 0 ? <p className="ksbaas-empty">{t('NO_FINDINGS')}</p> : <FindingTable findings={report.findings} />}
      {(report.notes || []).map(note => <p key={note} className="ksbaas-hint">{note}</p>)}
      {v.state === 'Submitted' && !v.platform && (
        <form name="review" onSubmit={event => event.preventDefault()} style={{ display: 'grid', gap: 8, maxWidth: 640 }}>
          <label>{t('REVIEW_COMMENT')}<Input name="comment" value={comment} onChange={e => setComment(e.target.value)} /></label>
          <div style={{ display: 'flex', gap: 8 }}>
            <Button color="secondary" onClick={() => decide('Approve')}>{t('APPROVE')}</Button>
            <Button onClick={() => decide('Reject')}>{t('REJECT')}</Button>
          </div>
        </form>
      )}
      <Refusal error={failure} />
    </section>
  );
}

/** The request's query fields of an upload: what was filled in. */
export function uploadFields(form) {
  const fields = { version: form.version.trim(), language: form.language };
  ['description', 'serverImage'].forEach(key => {
    if (form[key] && form[key].trim()) {
      fields[key] = form[key].trim();
    }
  });
  return fields;
}

function UploadForm({ workspace, onDone, onCancel }) {
  const [form, setForm] = React.useState({ name: '', version: '', language: 'java', description: '', serverImage: '' });
  const [file, setFile] = React.useState(null);
  const [progress, setProgress] = React.useState(null);
  const { busy, error, submit } = useSubmission(
    () => api.uploadPackage(workspace, form.name.trim(), uploadFields(form), file, setProgress), onDone);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  return (
    <form name="upload-chaincode" className="ksbaas-form" onSubmit={event => { event.preventDefault(); submit(); }}
      style={{ display: 'grid', gap: 8, maxWidth: 520, marginBottom: 16 }}>
      <label>{t('NAME')}<Input name="name" value={form.name} onChange={change('name')} /></label>
      <label>{t('VERSION')}<Input name="version" value={form.version} onChange={change('version')} /></label>
      <label>
        {t('LANGUAGE')}
        <select name="language" value={form.language} onChange={change('language')} style={{ display: 'block', height: 32 }}>
          {LANGUAGES.map(l => <option key={l} value={l}>{l}</option>)}
        </select>
      </label>
      <label>{t('DESCRIPTION')}<Input name="description" value={form.description} onChange={change('description')} /></label>
      <label>{t('SERVER_IMAGE')}<Input name="serverImage" value={form.serverImage} onChange={change('serverImage')} /></label>
      <label>{t('PACKAGE_FILE')}<input type="file" name="package" accept=".tar.gz,.tgz,application/gzip"
        onChange={event => setFile(event.target.files[0] || null)} /></label>
      {progress !== null && <progress className="ksbaas-upload-progress" max="1" value={progress} />}
      <Refusal error={error} />
      <div style={{ display: 'flex', gap: 8 }}>
        <Button type="submit" color="secondary" loading={busy} disabled={busy || !file}>{t('UPLOAD')}</Button>
        <Button type="button" onClick={onCancel}>{t('CANCEL')}</Button>
      </div>
    </form>
  );
}

/**
 * The workspace's chaincode repository (链码仓库) with the platform's built-ins: upload a CCaaS
 * package with its progress (then its jar), each version's review report (findings by severity,
 * class and method), and the review (合约审计) by someone other than the uploader.
 */
export default function ChaincodeRepository() {
  const { workspace } = useParams();
  const [params, setParams] = useSearchParams();
  const [uploading, setUploading] = React.useState(false);
  const state = useApi(() => api.chaincodePackages(workspace), [workspace]);
  const items = (state.data && state.data.items) || [];
  const open = (name, version) => setParams({ chaincode: name, version });
  return (
    <Page title={t('CHAINCODE_REPOSITORY')} state={state} isEmpty={items.length === 0} empty={t('NO_CHAINCODES')}
      actions={[
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="upload" color="secondary" onClick={() => setUploading(true)}>{t('UPLOAD_CHAINCODE')}</Button>,
      ]}
      above={uploading && (
        <UploadForm workspace={workspace} onCancel={() => setUploading(false)}
          onDone={uploaded => { setUploading(false); state.reload(); open(uploaded.name, uploaded.version); }} />
      )}>
      {params.get('chaincode') && (
        <VersionDetail key={`${params.get('chaincode')}/${params.get('version')}`} workspace={workspace}
          name={params.get('chaincode')} version={params.get('version')} onChanged={state.reload} />
      )}
      <ChaincodeTable chaincodes={items} onOpen={open} />
    </Page>
  );
}
