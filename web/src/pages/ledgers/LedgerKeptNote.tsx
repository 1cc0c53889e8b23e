// Two lines a ledger page owes its reader: who keeps this ledger (when it is not the reader's own unit),
// and where the strip's figures come from when other ledgers feed them (a township's 人民调解案件 list
// may be empty while its figures count the township's 月报).
import { Alert, Space } from 'antd';
import { Link } from 'react-router-dom';
import { type LedgerMeta, useLedgers } from './common';

export function LedgerKeptNote({ def }: { def: LedgerMeta }) {
  const { ledgers } = useLedgers();
  const feeders = ledgers.filter(
    (l) => l.key !== def.key && l.inMyScope && l.indicators.some((id) => def.indicators.includes(id)),
  );
  const keeper = def.keptByMyUnit ? null : !def.inMyScope ? (
    <>本台账由{def.keptByNames}填报；您的数据范围内没有这类单位，这里只能查看，不能新增。</>
  ) : (
    <>
      本台账由{def.keptByNames}填报，您的单位不填报此台账{def.canCreate ? '；新增时请选择填报单位' : ''}。
    </>
  );
  if (!keeper && feeders.length === 0) return null;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {keeper && <Alert type="info" showIcon data-testid="ledger-kept-by" title={keeper} />}
      {feeders.length > 0 && def.indicators.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="ledger-figures-source"
          title={
            <>
              本台账指标同时计入
              {feeders.map((l, i) => (
                <span key={l.key}>
                  {i > 0 ? '、' : ''}「<Link to={`/ledgers/${l.key}`}>{l.title}</Link>」
                </span>
              ))}
              的数据（{feeders[0]!.description.replace(/。$/, '')}），所以指标中的件数可能多于下方列表的条数。
            </>
          }
        />
      )}
    </Space>
  );
}
