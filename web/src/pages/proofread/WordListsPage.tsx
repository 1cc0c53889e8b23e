// 词表维护: the administrator's local changes to the shipped prohibited-word list — words added (with
// category, and whether they count in any context) and shipped words removed. Saved with a version.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api';
import { Loading } from '../../components/Loading';

interface AddedWord {
  word: string;
  category: string;
  always?: boolean;
}

interface WordLists {
  prohibited: { add: AddedWord[]; remove: string[] };
  version: number;
  shippedVersion: string;
  categories: Array<{ id: string; label: string }>;
}

export default function WordListsPage() {
  const { message } = App.useApp();
  const [data, setData] = useState<WordLists | null>(null);
  const [add, setAdd] = useState<AddedWord[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const [word, setWord] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [always, setAlways] = useState(false);
  const [removeWord, setRemoveWord] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const d = await api.get<WordLists>('/api/proofread/wordlists');
      setData(d);
      setAdd(d.prohibited.add);
      setRemove(d.prohibited.remove);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const dirty =
    !!data &&
    (JSON.stringify(add) !== JSON.stringify(data.prohibited.add) ||
      JSON.stringify(remove) !== JSON.stringify(data.prohibited.remove));

  const addWord = () => {
    const w = word.trim();
    if (!w || !category) {
      message.warning('请填写词语并选择类别');
      return;
    }
    if (add.some((a) => a.word === w)) {
      message.warning(`「${w}」已在新增词表中`);
      return;
    }
    setAdd([...add, { word: w, category, ...(always ? { always: true } : {}) }]);
    setWord('');
    setAlways(false);
  };

  const addRemoval = () => {
    const w = removeWord.trim();
    if (!w) return;
    if (!remove.includes(w)) setRemove([...remove, w]);
    setRemoveWord('');
  };

  const save = async () => {
    if (!data) return;
    setSaving(true);
    setError(null);
    try {
      const next = await api.put<WordLists>('/api/proofread/wordlists', {
        prohibited: { add, remove },
        version: data.version,
      });
      setData({ ...data, ...next });
      setAdd(next.prohibited.add);
      setRemove(next.prohibited.remove);
      message.success('词表已保存，下次检查即生效');
    } catch (e) {
      if (e instanceof ApiError && e.status === 409)
        setError(`${e.message}（词表已被他人修改，请刷新后重新编辑）`);
      else setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  if (!data && !error) return <Loading />;
  const categoryLabel = (id: string) => data?.categories.find((c) => c.id === id)?.label ?? id;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            词表维护
          </Typography.Title>
          <Typography.Text type="secondary">
            在内置违禁词表（版本 {data?.shippedVersion ?? '—'}）之上新增或移除词语；本地词表版本{' '}
            {data?.version ?? '—'}
          </Typography.Text>
        </div>
        <Space>
          <Button onClick={() => void load()} disabled={saving}>
            刷新
          </Button>
          <Button
            type="primary"
            onClick={save}
            loading={saving}
            disabled={!dirty}
            data-testid="wordlists-save"
          >
            保存
          </Button>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={`新增的词语（${add.length}）`}>
            <Space wrap style={{ marginBottom: 12 }}>
              <Input
                aria-label="词语"
                placeholder="词语"
                value={word}
                maxLength={40}
                onChange={(e) => setWord(e.target.value)}
                onPressEnter={addWord}
                style={{ width: 180 }}
              />
              <Select
                aria-label="类别"
                placeholder="类别"
                value={category}
                onChange={setCategory}
                options={(data?.categories ?? []).map((c) => ({ value: c.id, label: c.label }))}
                style={{ width: 180 }}
              />
              <Checkbox checked={always} onChange={(e) => setAlways(e.target.checked)}>
                任何语境都标出
              </Checkbox>
              <Button icon={<PlusOutlined />} onClick={addWord}>
                添加
              </Button>
            </Space>
            <Table<AddedWord>
              size="small"
              rowKey="word"
              dataSource={add}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '词语', dataIndex: 'word' },
                { title: '类别', dataIndex: 'category', render: (c: string) => categoryLabel(c) },
                {
                  title: '任何语境',
                  dataIndex: 'always',
                  width: 100,
                  render: (a?: boolean) => (a ? <Tag color="red">是</Tag> : '否'),
                },
                {
                  title: '操作',
                  width: 80,
                  render: (_, r) => (
                    <Popconfirm
                      title={`删除「${r.word}」？`}
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() => setAdd(add.filter((a) => a.word !== r.word))}
                    >
                      <Button type="link" danger size="small" icon={<DeleteOutlined />} />
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`移除的内置词语（${remove.length}）`}>
            <Space style={{ marginBottom: 12 }}>
              <Input
                aria-label="要移除的内置词语"
                placeholder="内置词表中的词语"
                value={removeWord}
                maxLength={40}
                onChange={(e) => setRemoveWord(e.target.value)}
                onPressEnter={addRemoval}
                style={{ width: 200 }}
              />
              <Button icon={<PlusOutlined />} onClick={addRemoval}>
                移除
              </Button>
            </Space>
            <Table<{ word: string }>
              size="small"
              rowKey="word"
              dataSource={remove.map((w) => ({ word: w }))}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '词语', dataIndex: 'word' },
                {
                  title: '操作',
                  width: 100,
                  render: (_, r) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setRemove(remove.filter((w) => w !== r.word))}
                    >
                      恢复
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {dirty && <Alert type="warning" showIcon title="有未保存的修改" />}
    </Space>
  );
}
