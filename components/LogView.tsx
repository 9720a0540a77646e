/**
 * The popup: the policy in force, counts, the newest events (filterable) and the exports.
 * Reads through a LogSource so tests can render it over fake data.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PolicyStatus } from '../utils/messages';
import type { LogEvent } from '../utils/log/event';
import { toCsv, toJson } from '../utils/log/export';
import type { EventFilter } from '../utils/log/filter';
import type { LogSource } from '../utils/log/source';
import { ACTIONS, type Action } from '../utils/policy/types';

export interface LogViewProps {
  source: LogSource;
  t: (key: string, subs?: string[]) => string;
  /** Newest events shown (the export always holds all). */
  limit?: number;
}

/** Saves text as a file through a temporary link (no downloads permission needed). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[:T]/g, '-').slice(0, 19);
}

function Row({ e, t }: { e: LogEvent; t: LogViewProps['t'] }) {
  return (
    <tr data-seq={e.seq}>
      <td class="time" title={e.time}>
        {new Date(e.time).toLocaleDateString()}
        <br />
        {new Date(e.time).toLocaleTimeString()}
      </td>
      <td>
        <span class={`badge ${e.action}`}>{t(`action_${e.action}`) || e.action}</span>
        <div class="sub">{t(`kind_${e.kind}`) || e.kind}</div>
        <div class="sub">
          <code title={t('popupColRule')}>{e.ruleId ?? '-'}</code>
        </div>
      </td>
      <td class="site" title={e.frameUrl}>
        {e.kind === 'policy' ? e.detail : e.site || e.frameUrl}
      </td>
      <td>
        {e.findings.map((f) => (
          <div key={f.type}>
            {t(`type_${f.type}`) || f.type}
            {f.count > 1 ? ` ×${f.count}` : ''}{' '}
            {f.masked.map((m) => (
              <code key={m}>{m}</code>
            ))}
          </div>
        ))}
      </td>
    </tr>
  );
}

export function LogView({ source, t, limit = 200 }: LogViewProps) {
  const [events, setEvents] = useState<LogEvent[]>([]);
  const [total, setTotal] = useState(0);
  const [counts, setCounts] = useState<Partial<Record<Action, number>>>({});
  const [more, setMore] = useState(false);
  const [status, setStatus] = useState<PolicyStatus | null>(null);
  const [action, setAction] = useState<Action | ''>('');
  const [site, setSite] = useState('');
  const filter: EventFilter = { ...(action ? { action } : {}), ...(site ? { site } : {}) };

  const refresh = useCallback(async () => {
    const page = await source.query(filter, limit);
    setEvents(page.events);
    setTotal(page.total);
    setCounts(page.byAction);
    setMore(page.more);
  }, [source, action, site, limit]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    void source.status().then(setStatus);
  }, [source]);

  async function exportAs(kind: 'csv' | 'json') {
    const all = await source.all(filter);
    if (kind === 'csv')
      download(`clientguard-log-${stamp()}.csv`, toCsv(all), 'text/csv;charset=utf-8');
    else
      download(
        `clientguard-log-${stamp()}.json`,
        toJson(all, new Date(), filter),
        'application/json',
      );
  }

  return (
    <div>
      <header>
        <img src="/icon/32.png" alt="" />
        <h1>{t('popupTitle')}</h1>
        <button type="button" onClick={() => void refresh()} aria-label="refresh">
          ↻
        </button>
      </header>
      {status && (
        <div class="policy" data-testid="policy">
          {t('popupPolicy')}: <b>{status.name}</b> (
          {t(status.source === 'managed' ? 'popupPolicyManaged' : 'popupPolicyDefault')}){' '}
          <code>{status.id}</code>
          {status.rejected && (
            <div class="rejected">
              {t('popupPolicyRejected')} {status.rejected.errors.join('; ')}
            </div>
          )}
        </div>
      )}
      <div class="stats">
        <span class="stat" data-testid="total">
          <b>{total}</b>
          {t('popupTotal')}
        </span>
        {ACTIONS.filter((a) => counts[a]).map((a) => (
          <span class={`stat ${a}`} key={a} data-testid={`count-${a}`}>
            <b>{counts[a]}</b>
            {t(`action_${a}`)}
          </span>
        ))}
      </div>
      <div class="tools">
        <label>
          {t('popupFilterAction')}
          <select
            value={action}
            onChange={(e) => setAction((e.currentTarget.value as Action) || '')}
          >
            <option value="">{t('popupFilterAll')}</option>
            {ACTIONS.map((a) => (
              <option value={a} key={a}>
                {t(`action_${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('popupFilterSite')}
          <input value={site} size={14} onInput={(e) => setSite(e.currentTarget.value)} />
        </label>
        <span class="spacer" />
        <button type="button" data-testid="export-csv" onClick={() => void exportAs('csv')}>
          {t('popupExportCsv')}
        </button>
        <button type="button" data-testid="export-json" onClick={() => void exportAs('json')}>
          {t('popupExportJson')}
        </button>
      </div>
      {events.length === 0 ? (
        <div class="empty">{t('popupEmpty')}</div>
      ) : (
        <div class="list">
          <table>
            <thead>
              <tr>
                <th>{t('popupColTime')}</th>
                <th>{t('popupColAction')}</th>
                <th>{t('popupColSite')}</th>
                <th>{t('popupColFound')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <Row e={e} t={t} key={e.seq} />
              ))}
            </tbody>
          </table>
          {more && <div class="more">{t('popupMore', [String(limit)])}</div>}
        </div>
      )}
    </div>
  );
}
