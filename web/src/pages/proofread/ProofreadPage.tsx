// 报告体检: paste or upload a report, see the findings highlighted in the text, accept a suggestion with
// one click (the check runs again on the changed text), and the figures the report states.
import { CheckOutlined, FileSearchOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { api, errorMessage, upload } from '../../api';
import { useAuth } from '../../auth';
import { toTreeData, useUnitTree } from '../../components/units';
import { YEAR_OPTIONS } from '../ledgers/common';

type Severity = '严重' | '一般' | '提示';

interface Finding {
  rule: string;
  /** the check that found it, e.g. 比率与数量不符 / 与台账数据不符 */
  title: string;
  severity: Severity;
  start: number;
  end: number;
  excerpt: string;
  message: string;
  suggestion?: string;
}

interface Fact {
  label: string;
  value: number;
  unit: string;
  start: number;
  end: number;
  metric?: string;
  /** the indicator's Chinese name, e.g. 行政复议纠错率 */
  metricName?: string;
}

interface CheckResult {
  findings: Finding[];
  facts: Fact[];
  summary: { characters: number; 严重: number; 一般: number; 提示: number; ms: number };
  comparedWithLedgers: boolean;
  text?: string;
}

const SEVERITY_RANK: Record<Severity, number> = { 严重: 0, 一般: 1, 提示: 2 };
const SEVERITY_COLOR: Record<Severity, { tag: string; bg: string; line: string }> = {
  严重: { tag: 'red', bg: '#ffccc7', line: '#cf1322' },
  一般: { tag: 'orange', bg: '#ffe7ba', line: '#d46b08' },
  提示: { tag: 'blue', bg: '#d6e4ff', line: '#1d39c4' },
};

interface Options {
  year?: number;
  signedOn?: Dayjs | null;
  halfWidthPunctuation?: 'flag' | 'allow' | 'consistent';
  compare?: boolean;
  compareUnit?: string;
}

/** The text cut at every finding boundary; each piece knows the findings covering it. */
function segments(
  text: string,
  findings: Finding[],
): Array<{ from: number; to: number; covering: number[] }> {
  const cuts = new Set<number>([0, text.length]);
  for (const f of findings) {
    cuts.add(Math.max(0, Math.min(text.length, f.start)));
    cuts.add(Math.max(0, Math.min(text.length, f.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Array<{ from: number; to: number; covering: number[] }> = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (to <= from) continue;
    const covering = findings.flatMap((f, idx) =>
      f.start <= from && f.end >= to && f.end > f.start ? [idx] : [],
    );
    out.push({ from, to, covering });
  }
  return out;
}

/**
 * Text copied from Word can carry page breaks (\f) and line breaks (\v), which the server refuses as
 * control characters. Each becomes one character of ordinary text, so the findings' offsets still
 * point into the text as pasted.
 */
const pastable = (t: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
  t.replace(/[\f\v]/g, '\n').replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, ' ');

export default function ProofreadPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const { tree } = useUnitTree(can('org:unit:read'));
  const treeData = useMemo(() => toTreeData(tree), [tree]);
  const [form] = Form.useForm<Options>();
  const [draft, setDraft] = useState('');
  const [text, setText] = useState<string | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<number | null>(null);
  const [tab, setTab] = useState('paste');
  const textRef = useRef<HTMLDivElement>(null);
  const compare = Form.useWatch('compare', form);

  const optionBody = () => {
    const o = form.getFieldsValue();
    return {
      ...(o.year ? { year: o.year } : {}),
      ...(o.signedOn ? { signedOn: o.signedOn.format('YYYY-MM-DD') } : {}),
      ...(o.halfWidthPunctuation ? { halfWidthPunctuation: o.halfWidthPunctuation } : {}),
      ...(o.compare && can('ledger:read') ? { compareUnit: o.compareUnit ?? '' } : {}),
    };
  };

  const run = async (t: string) => {
    if (!t.trim()) {
      message.warning('请先粘贴要检查的文本');
      return;
    }
    setChecking(true);
    setError(null);
    try {
      const res = await api.post<CheckResult>('/api/proofread/check', { text: pastable(t), ...optionBody() });
      setText(t);
      setResult(res);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setChecking(false);
    }
  };

  const uploadFile = async (file: File) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(optionBody())) fd.append(k, String(v));
    fd.append('file', file, file.name);
    setChecking(true);
    setError(null);
    try {
      const res = await upload<CheckResult & { error?: { message: string } }>('/api/proofread/upload', fd);
      if (res.status !== 200 || !res.body?.text) {
        setError(res.body?.error?.message ?? `上传失败（HTTP ${res.status}）`);
        return;
      }
      setText(res.body.text);
      setDraft(res.body.text);
      setResult(res.body);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setChecking(false);
    }
  };

  const accept = async (f: Finding) => {
    if (text === null || f.suggestion === undefined) return;
    const next = text.slice(0, f.start) + f.suggestion + text.slice(f.end);
    setDraft(next);
    await run(next);
    message.success(`已采纳：「${f.excerpt}」→「${f.suggestion}」`);
  };

  const show = (idx: number) => {
    const el = textRef.current?.querySelector<HTMLElement>(`[data-first="${idx}"]`);
    el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    setFlash(idx);
    window.setTimeout(() => setFlash((cur) => (cur === idx ? null : cur)), 1600);
  };

  const findings = useMemo(
    () =>
      (result?.findings ?? [])
        .map((f, idx) => ({ f, idx }))
        .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.f.start - b.f.start),
    [result],
  );

  // Two checks can find a problem in the same words (文中比率与数量不符, and 与台账数据不符): each
  // finding says it is one of several there, naming them, so the reader knows which is which.
  const sameSpan = useMemo(() => {
    const out = new Map<string, string[]>();
    for (const f of result?.findings ?? []) {
      const key = `${f.start}:${f.end}`;
      out.set(key, [...(out.get(key) ?? []), f.title]);
    }
    return out;
  }, [result]);

  const rendered = useMemo(() => {
    if (text === null || !result) return null;
    const firstOf = new Map<number, number>();
    const segs = segments(text, result.findings);
    return segs.map((s, i) => {
      const piece = text.slice(s.from, s.to);
      if (!s.covering.length) return <span key={s.from}>{piece}</span>;
      const worst = s.covering
        .map((idx) => result.findings[idx]!)
        .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0]!;
      const firsts = s.covering.filter((idx) => {
        if (firstOf.has(idx)) return false;
        firstOf.set(idx, i);
        return true;
      });
      const flashing = flash !== null && s.covering.includes(flash);
      const c = SEVERITY_COLOR[worst.severity];
      return (
        <mark
          key={s.from}
          data-first={firsts.length ? firsts.join(' ') : undefined}
          data-severity={worst.severity}
          title={s.covering
            .map((idx) => `【${result.findings[idx]!.title}】${result.findings[idx]!.message}`)
            .join('\n')}
          style={{
            background: flashing ? '#fadb14' : c.bg,
            borderBottom: `2px solid ${c.line}`,
            padding: 0,
            transition: 'background 0.3s',
            scrollMarginTop: 80,
          }}
        >
          {piece}
        </mark>
      );
    });
  }, [text, result, flash]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        报告体检
      </Typography.Title>
      <Card size="small">
        <Form form={form} layout="inline" initialValues={{ halfWidthPunctuation: 'flag', compare: false }}>
          <Form.Item name="year" label="报告年度">
            <Select
              allowClear
              placeholder="不限"
              options={YEAR_OPTIONS}
              style={{ width: 110 }}
              aria-label="报告年度"
            />
          </Form.Item>
          <Form.Item name="signedOn" label="签发日期">
            <DatePicker aria-label="签发日期" />
          </Form.Item>
          <Form.Item name="halfWidthPunctuation" label="半角标点">
            <Select
              aria-label="半角标点风格"
              style={{ width: 190 }}
              options={[
                { value: 'flag', label: '标出中文里的半角标点' },
                { value: 'consistent', label: '只要求全文一致' },
                { value: 'allow', label: '允许半角标点' },
              ]}
            />
          </Form.Item>
          {can('ledger:read') && (
            <Form.Item name="compare" label="与台账数据比对" valuePropName="checked" tooltip="须选择报告年度">
              <Switch aria-label="与台账数据比对" />
            </Form.Item>
          )}
          {compare && treeData.length > 0 && (
            <Form.Item name="compareUnit" label="比对单位">
              <TreeSelect
                aria-label="比对单位"
                allowClear
                showSearch
                treeNodeFilterProp="title"
                placeholder="全部（数据范围内）"
                treeData={treeData}
                treeDefaultExpandedKeys={tree.map((n) => n.id)}
                style={{ width: 240 }}
              />
            </Form.Item>
          )}
        </Form>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'paste',
              label: '粘贴文本',
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Input.TextArea
                    aria-label="报告文本"
                    data-testid="proofread-input"
                    value={draft}
                    onChange={(e) => setDraft(e.target.value)}
                    autoSize={{ minRows: 6, maxRows: 10 }}
                    placeholder="将报告全文粘贴到这里"
                  />
                  <Button
                    type="primary"
                    icon={<FileSearchOutlined />}
                    loading={checking}
                    onClick={() => run(draft)}
                    data-testid="proofread-run"
                  >
                    开始检查
                  </Button>
                </Space>
              ),
            },
            {
              key: 'upload',
              label: '上传文件',
              children: (
                <Upload
                  accept=".docx,.txt,.html,.htm"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void uploadFile(file);
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={checking}>
                    选择 .docx / .txt / .html 文件并检查
                  </Button>
                </Upload>
              ),
            },
          ]}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Card>

      {result && text !== null && (
        <>
          <Card size="small" data-testid="proofread-summary">
            <Space wrap size="large">
              <span>共 {result.summary.characters} 字</span>
              {(['严重', '一般', '提示'] as const).map((s) => (
                <Tag key={s} color={SEVERITY_COLOR[s].tag} data-testid={`count-${s}`}>
                  {s} {result.summary[s]}
                </Tag>
              ))}
              <Typography.Text type="secondary">
                用时 {result.summary.ms} 毫秒{result.comparedWithLedgers ? '，已与台账数据比对' : ''}
              </Typography.Text>
            </Space>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card size="small" title="报告原文（问题处已标出）">
                <div
                  ref={textRef}
                  data-testid="proofread-text"
                  style={{
                    whiteSpace: 'pre-wrap',
                    lineHeight: 1.9,
                    fontSize: 15,
                    maxHeight: 640,
                    overflow: 'auto',
                  }}
                >
                  {rendered}
                </div>
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={`发现的问题（${result.findings.length}）`}>
                {findings.length === 0 ? (
                  <Empty description="未发现问题" />
                ) : (
                  <List
                    data-testid="findings"
                    style={{ maxHeight: 640, overflow: 'auto' }}
                    dataSource={findings}
                    renderItem={({ f, idx }) => (
                      <List.Item
                        data-testid="finding"
                        style={{ cursor: 'pointer', alignItems: 'flex-start' }}
                        onClick={() => show(idx)}
                        actions={
                          f.suggestion !== undefined
                            ? [
                                <Button
                                  key="accept"
                                  size="small"
                                  icon={<CheckOutlined />}
                                  onClick={(e) => {
                                    e.stopPropagation();
                                    void accept(f);
                                  }}
                                >
                                  采纳
                                </Button>,
                              ]
                            : []
                        }
                      >
                        <Space orientation="vertical" size={2}>
                          <Space size={4} wrap>
                            <Tag color={SEVERITY_COLOR[f.severity].tag}>{f.severity}</Tag>
                            <Tag data-testid="finding-title">{f.title}</Tag>
                            <Typography.Text strong>「{f.excerpt}」</Typography.Text>
                          </Space>
                          {(sameSpan.get(`${f.start}:${f.end}`) ?? []).length > 1 && (
                            <Typography.Text type="warning" data-testid="finding-same-span">
                              同一处共有 {sameSpan.get(`${f.start}:${f.end}`)!.length} 个问题：
                              {sameSpan.get(`${f.start}:${f.end}`)!.join('、')}
                            </Typography.Text>
                          )}
                          <Typography.Text>{f.message}</Typography.Text>
                          {f.suggestion !== undefined && (
                            <Typography.Text type="secondary">
                              建议改为：「{f.suggestion || '（删除）'}」
                            </Typography.Text>
                          )}
                        </Space>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`报告中的数字（${result.facts.length}）`}>
            <Table<Fact>
              size="small"
              rowKey={(f) => `${f.start}-${f.end}-${f.label}`}
              dataSource={result.facts}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: '事项', dataIndex: 'label' },
                { title: '数值', dataIndex: 'value', width: 120, align: 'right' },
                { title: '单位', dataIndex: 'unit', width: 80 },
                {
                  title: '对应指标',
                  dataIndex: 'metric',
                  width: 260,
                  render: (_: unknown, f: Fact) =>
                    f.metric ? <Tag>{f.metricName ?? '未收录的指标'}</Tag> : '',
                },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
