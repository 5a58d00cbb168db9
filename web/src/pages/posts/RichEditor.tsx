import {
  BoldOutlined,
  ClearOutlined,
  DisconnectOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  UnderlineOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Divider, Input, Modal, Segmented, Tooltip, theme } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Media } from '../../types';
import { HtmlPreview } from './HtmlPreview';
import { MediaPicker } from './MediaPicker';

type Mode = 'rich' | 'html' | 'preview';

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  placeholder?: string;
  testId?: string;
  minHeight?: number;
  disabled?: boolean;
}

/** A contentEditable editor with a small toolbar (document.execCommand: no dependency). */
export function RichEditor({ value, onChange, placeholder, testId = 'editor-body', minHeight = 360, disabled }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const ref = useRef<HTMLDivElement>(null);
  const saved = useRef<Range | null>(null);
  const [mode, setMode] = useState<Mode>('rich');
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkUrl, setLinkUrl] = useState('https://');
  const [pickOpen, setPickOpen] = useState(false);

  // Write outside changes (load, version restore) into the DOM without disturbing the caret while typing.
  useEffect(() => {
    const el = ref.current;
    if (el && mode === 'rich' && el.innerHTML !== (value ?? '')) el.innerHTML = value ?? '';
  }, [value, mode]);

  const emit = () => {
    const html = ref.current?.innerHTML ?? '';
    if (html !== (value ?? '')) onChange?.(html);
  };
  const saveSelection = () => {
    const sel = window.getSelection();
    if (sel && sel.rangeCount > 0 && ref.current?.contains(sel.anchorNode)) saved.current = sel.getRangeAt(0).cloneRange();
  };
  const restoreSelection = () => {
    ref.current?.focus();
    const sel = window.getSelection();
    if (saved.current && sel) {
      sel.removeAllRanges();
      sel.addRange(saved.current);
    }
  };
  const exec = (cmd: string, arg?: string) => {
    ref.current?.focus();
    document.execCommand(cmd, false, arg);
    emit();
  };

  const tool = (key: string, icon: React.ReactNode, action: () => void, label = t(`editor.${key}`)) => (
    <Tooltip title={label} key={key}>
      <Button
        type="text"
        size="small"
        icon={icon}
        data-testid={`editor-${key}`}
        disabled={disabled || mode !== 'rich'}
        onMouseDown={(e) => e.preventDefault()}
        onClick={action}
      />
    </Tooltip>
  );
  const block = (tag: string, text: string) => (
    <Button
      key={tag}
      type="text"
      size="small"
      disabled={disabled || mode !== 'rich'}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => exec('formatBlock', tag)}
    >
      {text}
    </Button>
  );

  return (
    <div style={{ border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius, background: token.colorBgContainer }}>
      <div style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2, padding: 4, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        {tool('bold', <BoldOutlined />, () => exec('bold'))}
        {tool('italic', <ItalicOutlined />, () => exec('italic'))}
        {tool('underline', <UnderlineOutlined />, () => exec('underline'))}
        <Divider orientation="vertical" />
        {block('h2', 'H2')}
        {block('h3', 'H3')}
        {block('p', t('editor.paragraph'))}
        {block('blockquote', '❝')}
        <Divider orientation="vertical" />
        {tool('ul', <UnorderedListOutlined />, () => exec('insertUnorderedList'))}
        {tool('ol', <OrderedListOutlined />, () => exec('insertOrderedList'))}
        {tool('link', <LinkOutlined />, () => {
          saveSelection();
          setLinkOpen(true);
        })}
        {tool('unlink', <DisconnectOutlined />, () => exec('unlink'))}
        {tool('image', <PictureOutlined />, () => {
          saveSelection();
          setPickOpen(true);
        })}
        {tool('clear', <ClearOutlined />, () => exec('removeFormat'))}
        <div style={{ flex: 1 }} />
        <Segmented<Mode>
          size="small"
          value={mode}
          onChange={setMode}
          options={[
            { value: 'rich', label: t('editor.rich') },
            { value: 'html', label: 'HTML' },
            { value: 'preview', label: t('editor.preview') },
          ]}
        />
      </div>
      {mode === 'rich' && (
        // biome-ignore lint/a11y/useSemanticElements: a rich-text surface cannot be a <textarea>
        <div
          ref={ref}
          tabIndex={0}
          data-testid={testId}
          className="meiyun-editor"
          contentEditable={!disabled}
          suppressContentEditableWarning
          role="textbox"
          aria-multiline
          data-placeholder={placeholder}
          onInput={emit}
          onBlur={() => {
            saveSelection();
            emit();
          }}
          onKeyUp={saveSelection}
          onMouseUp={saveSelection}
          style={{ minHeight, padding: '12px 16px', outline: 'none', lineHeight: 1.75, overflowWrap: 'anywhere' }}
        />
      )}
      {mode === 'html' && (
        <Input.TextArea
          data-testid={`${testId}-html`}
          value={value}
          onChange={(e) => onChange?.(e.target.value)}
          disabled={disabled}
          variant="borderless"
          style={{ minHeight, fontFamily: 'monospace', fontSize: 12 }}
        />
      )}
      {mode === 'preview' && <HtmlPreview html={value ?? ''} minHeight={minHeight} />}
      <Modal
        open={linkOpen}
        title={t('editor.link')}
        onCancel={() => setLinkOpen(false)}
        onOk={() => {
          setLinkOpen(false);
          restoreSelection();
          if (/^https?:\/\/\S+$/.test(linkUrl.trim())) exec('createLink', linkUrl.trim());
        }}
        destroyOnHidden
      >
        <Input data-testid="editor-link-url" value={linkUrl} onChange={(e) => setLinkUrl(e.target.value)} placeholder="https://…" autoFocus />
      </Modal>
      <MediaPicker
        open={pickOpen}
        onClose={() => setPickOpen(false)}
        onPick={(m: Media) => {
          setPickOpen(false);
          restoreSelection();
          exec('insertImage', m.url);
        }}
      />
    </div>
  );
}
