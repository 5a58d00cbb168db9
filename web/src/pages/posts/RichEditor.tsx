import { EditorContent, useEditor } from '@tiptap/react';
import { Alert, Input, Modal, Segmented, Typography, theme } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isArticleLink } from '../../../../contract/html';
import type { Media } from '../../types';
import { cleanPastedHtml } from './editor/paste';
import { articleExtensions } from './editor/schema';
import { Toolbar } from './editor/Toolbar';
import { MediaPicker } from './MediaPicker';
import { PhonePreview } from './PhonePreview';

type Mode = 'rich' | 'html' | 'preview';

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  placeholder?: string;
  testId?: string;
  minHeight?: number;
  disabled?: boolean;
}

/**
 * The article editor (TipTap 3). Its schema (editor/schema.ts) can only hold what a WeChat
 * article accepts (contract/html.ts), so whatever comes in (stored HTML, a paste, the HTML source
 * view) leaves as allowlisted HTML, which the server keeps unchanged. The value is '' for an empty
 * document.
 */
export function RichEditor({ value, onChange, placeholder, testId = 'editor-body', minHeight = 360, disabled = false }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [mode, setMode] = useState<Mode>('rich');
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkUrl, setLinkUrl] = useState('https://');
  const [pickOpen, setPickOpen] = useState(false);
  const [source, setSource] = useState('');
  const [dropped, setDropped] = useState(0);
  // The HTML this editor last produced or was given, so a value it emitted is not loaded back in.
  const last = useRef<string | undefined>(undefined);
  const emit = useRef(onChange);
  emit.current = onChange;
  const current = useRef(value);
  current.current = value;
  const openLink = useRef(() => {});

  const extensions = useMemo(() => articleExtensions({ placeholder: placeholder ?? '' }), [placeholder]);
  const editor = useEditor({
    extensions,
    content: value ?? '',
    editable: !disabled,
    editorProps: {
      attributes: {
        'data-testid': testId,
        class: 'meiyun-editor',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': placeholder ?? t('posts.body'),
        style: `min-height:${minHeight}px`,
      },
      transformPastedHTML: (html) => {
        const r = cleanPastedHtml(html);
        setDropped(r.droppedImages);
        return r.html;
      },
      // A picture pasted or dropped as a file never reaches the article: it belongs in the library.
      handlePaste: (_view, e) => {
        const files = e.clipboardData?.files.length ?? 0;
        if (files && !e.clipboardData?.types.includes('text/html')) {
          setDropped(files);
          return true;
        }
        return false;
      },
      handleDrop: (_view, e) => {
        const files = (e as DragEvent).dataTransfer?.files.length ?? 0;
        if (files) setDropped(files);
        return files > 0;
      },
      handleKeyDown: (view, e) => {
        if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
          e.preventDefault();
          openLink.current();
          return true;
        }
        // Alt+F10 moves to the toolbar (as in other rich-text editors); Esc returns with Tab order.
        if (e.altKey && e.key === 'F10') {
          e.preventDefault();
          view.dom.closest('[data-editor-root]')?.querySelector<HTMLElement>('[data-toolbar-item]:not([disabled])')?.focus();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: e }) => {
      const html = e.isEmpty ? '' : e.getHTML();
      last.current = html;
      if (html !== (current.current ?? '')) emit.current?.(html);
    },
  });

  // Outside changes (load, a version restored, the server's copy after save) go into the document
  // without an update event; what this editor emitted itself is already there.
  useEffect(() => {
    if (!editor || (value ?? '') === (last.current ?? '')) return;
    last.current = value ?? '';
    // Not an undo step: undo must not empty a post that was just loaded.
    editor
      .chain()
      .setMeta('addToHistory', false)
      .setContent(value ?? '', { emitUpdate: false })
      .run();
  }, [editor, value]);
  useEffect(() => {
    // Without an update event: TipTap emits one by default, which would mark a loaded post edited.
    if (editor && editor.isEditable === disabled) editor.setEditable(!disabled, false);
  }, [editor, disabled]);

  openLink.current = () => {
    if (!editor || disabled) return;
    setLinkUrl((editor.getAttributes('link').href as string | undefined) ?? 'https://');
    setLinkOpen(true);
  };
  const linkValid = isArticleLink(linkUrl.trim());
  const applyLink = () => {
    if (!editor || !linkValid) return;
    const href = linkUrl.trim();
    setLinkOpen(false);
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else chain.extendMarkRange('link').setLink({ href }).run();
  };

  // The HTML source view: what is typed is read through the schema at once, and only that reaches the form.
  const onSource = (text: string) => {
    setSource(text);
    if (!editor) return;
    editor.commands.setContent(text, { emitUpdate: false });
    const html = editor.isEmpty ? '' : editor.getHTML();
    last.current = html;
    if (html !== (value ?? '')) emit.current?.(html);
  };
  const switchMode = (m: Mode) => {
    if (m === 'html') setSource(value ?? '');
    setMode(m);
  };

  return (
    <div data-editor-root style={{ border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius, background: token.colorBgContainer }}>
      <div style={{ borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        {editor && (
          <Toolbar
            editor={editor}
            disabled={disabled || mode !== 'rich'}
            onLink={() => openLink.current()}
            onImage={() => setPickOpen(true)}
            extra={
              <Segmented<Mode>
                size="small"
                value={mode}
                onChange={switchMode}
                data-testid={`${testId}-mode`}
                options={[
                  { value: 'rich', label: t('editor.rich') },
                  { value: 'html', label: t('editor.source') },
                  { value: 'preview', label: t('editor.preview') },
                ]}
              />
            }
          />
        )}
      </div>
      {dropped > 0 && (
        <Alert
          type="warning"
          showIcon
          closable
          banner
          data-testid="editor-paste-notice"
          title={t('editor.imagesDropped', { count: dropped })}
          onClose={() => setDropped(0)}
        />
      )}
      <div style={{ display: mode === 'rich' ? 'block' : 'none', padding: '12px 16px' }}>
        <EditorContent editor={editor} />
      </div>
      {mode === 'html' && (
        <>
          <Alert type="info" banner title={t('editor.sourceHint')} />
          <Input.TextArea
            data-testid={`${testId}-html`}
            aria-label={t('editor.source')}
            value={source}
            onChange={(e) => onSource(e.target.value)}
            disabled={disabled}
            variant="borderless"
            style={{ minHeight, fontFamily: 'monospace', fontSize: 12 }}
          />
        </>
      )}
      {mode === 'preview' && (
        <div style={{ padding: 16, background: token.colorFillQuaternary }}>
          <PhonePreview html={value ?? ''} />
        </div>
      )}
      <Modal
        open={linkOpen}
        title={t('editor.link')}
        onCancel={() => setLinkOpen(false)}
        onOk={applyLink}
        okButtonProps={{ disabled: !linkValid, 'data-testid': 'editor-link-ok' } as never}
        destroyOnHidden
      >
        <Input
          data-testid="editor-link-url"
          value={linkUrl}
          status={linkValid || linkUrl === 'https://' ? undefined : 'error'}
          onChange={(e) => setLinkUrl(e.target.value)}
          onPressEnter={applyLink}
          placeholder="https://…"
          aria-label={t('editor.linkUrl')}
          aria-describedby="editor-link-hint"
          autoFocus
        />
        <Typography.Text id="editor-link-hint" type={linkValid ? 'secondary' : 'danger'} style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
          {t('editor.linkHint')}
        </Typography.Text>
      </Modal>
      <MediaPicker
        open={pickOpen}
        onClose={() => setPickOpen(false)}
        onPick={(m: Media) => {
          setPickOpen(false);
          editor?.chain().focus().setImage({ src: m.url, alt: m.filename }).run();
        }}
      />
    </div>
  );
}
