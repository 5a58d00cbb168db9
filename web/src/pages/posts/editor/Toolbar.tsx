import {
  AlignCenterOutlined,
  AlignLeftOutlined,
  AlignRightOutlined,
  BoldOutlined,
  ClearOutlined,
  DisconnectOutlined,
  ItalicOutlined,
  FontColorsOutlined,
  LinkOutlined,
  MinusOutlined,
  OrderedListOutlined,
  PictureOutlined,
  RedoOutlined,
  StrikethroughOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { Button, Divider, Dropdown, Select, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HEADING_LEVELS } from './schema';

/** The text colours offered: WeChat-friendly tones that read well on white. */
export const COLORS = [
  { key: 'red', value: '#d4380d' },
  { key: 'orange', value: '#d46b08' },
  { key: 'green', value: '#389e0d' },
  { key: 'blue', value: '#1677ff' },
  { key: 'purple', value: '#531dab' },
  { key: 'gray', value: '#8c8c8c' },
] as const;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

/**
 * Arrow keys move between the toolbar's controls (WAI-ARIA toolbar pattern); Tab still visits
 * each one. Home/End go to the first and the last.
 */
function onToolbarKey(e: React.KeyboardEvent<HTMLDivElement>) {
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-toolbar-item]:not([disabled])')];
  const i = items.findIndex((el) => el === document.activeElement || el.contains(document.activeElement));
  if (i < 0) return;
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + items.length) % items.length;
  e.preventDefault();
  (items[next].querySelector<HTMLElement>('input') ?? items[next]).focus();
}

export function Toolbar({
  editor,
  disabled,
  onLink,
  onImage,
  extra,
}: {
  editor: Editor;
  disabled: boolean;
  onLink: () => void;
  onImage: () => void;
  extra: ReactNode;
}) {
  const { t } = useTranslation();
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      ul: e.isActive('bulletList'),
      ol: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      level: HEADING_LEVELS.find((l) => e.isActive('heading', { level: l })) ?? 0,
      align: (['center', 'right'] as const).find((a) => e.isActive({ textAlign: a })) ?? 'left',
      color: (e.getAttributes('textStyle').color as string | undefined) ?? null,
      undo: e.can().undo(),
      redo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const tool = (key: string, icon: ReactNode, action: () => void, opts: { active?: boolean; shortcut?: string; off?: boolean } = {}) => {
    const label = t(`editor.${key}`) + (opts.shortcut ? ` (${opts.shortcut})` : '');
    return (
      <Tooltip title={label} key={key}>
        <Button
          type={opts.active ? 'primary' : 'text'}
          ghost={opts.active}
          size="small"
          icon={icon}
          aria-label={label}
          aria-pressed={opts.active === undefined ? undefined : opts.active}
          data-testid={`editor-${key}`}
          data-toolbar-item
          disabled={disabled || opts.off}
          onMouseDown={(e) => e.preventDefault()}
          onClick={action}
        />
      </Tooltip>
    );
  };
  const color = COLORS.find((c) => s.color && c.value === s.color);

  return (
    <div
      role="toolbar"
      aria-label={t('editor.toolbar')}
      aria-controls={editor.view.dom.id || undefined}
      tabIndex={-1}
      onKeyDown={onToolbarKey}
      data-testid="editor-toolbar"
      style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2, padding: 4 }}
    >
      <Select
        size="small"
        variant="borderless"
        data-testid="editor-heading"
        data-toolbar-item
        aria-label={t('editor.blockType')}
        disabled={disabled}
        value={s.level}
        popupMatchSelectWidth={false}
        style={{ width: 88 }}
        onChange={(level: number) =>
          level
            ? chain()
                .setHeading({ level: level as 1 | 2 | 3 | 4 })
                .run()
            : chain().setParagraph().run()
        }
        options={[{ value: 0, label: t('editor.paragraph') }, ...HEADING_LEVELS.map((l) => ({ value: l, label: t('editor.heading', { level: l }) }))]}
      />
      <Divider orientation="vertical" />
      {tool('bold', <BoldOutlined />, () => chain().toggleBold().run(), { active: s.bold, shortcut: `${mod}B` })}
      {tool('italic', <ItalicOutlined />, () => chain().toggleItalic().run(), { active: s.italic, shortcut: `${mod}I` })}
      {tool('underline', <UnderlineOutlined />, () => chain().toggleUnderline().run(), { active: s.underline, shortcut: `${mod}U` })}
      {tool('strike', <StrikethroughOutlined />, () => chain().toggleStrike().run(), { active: s.strike, shortcut: `${mod}Shift+S` })}
      <Dropdown
        disabled={disabled}
        trigger={['click']}
        menu={{
          selectedKeys: color ? [color.key] : [],
          onClick: ({ key }) => {
            const c = COLORS.find((x) => x.key === key);
            if (c) chain().setColor(c.value).run();
            else chain().unsetColor().run();
          },
          items: [
            ...COLORS.map((c) => ({
              key: c.key,
              label: (
                <span data-testid={`editor-color-${c.key}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
                  <span style={{ width: 14, height: 14, borderRadius: 3, background: c.value, display: 'inline-block' }} />
                  {t(`editor.color.${c.key}`)}
                </span>
              ),
            })),
            { key: 'none', label: <span data-testid="editor-color-none">{t('editor.color.none')}</span> },
          ],
        }}
      >
        <Button
          type="text"
          size="small"
          data-testid="editor-color"
          data-toolbar-item
          aria-label={t('editor.colorLabel')}
          aria-haspopup="menu"
          onMouseDown={(e) => e.preventDefault()}
          icon={<FontColorsOutlined style={{ color: s.color ?? undefined }} />}
        />
      </Dropdown>
      <Divider orientation="vertical" />
      {tool('align-left', <AlignLeftOutlined />, () => chain().unsetTextAlign().run(), { active: s.align === 'left' })}
      {tool('align-center', <AlignCenterOutlined />, () => chain().setTextAlign('center').run(), { active: s.align === 'center' })}
      {tool('align-right', <AlignRightOutlined />, () => chain().setTextAlign('right').run(), { active: s.align === 'right' })}
      <Divider orientation="vertical" />
      {tool('ul', <UnorderedListOutlined />, () => chain().toggleBulletList().run(), { active: s.ul })}
      {tool('ol', <OrderedListOutlined />, () => chain().toggleOrderedList().run(), { active: s.ol })}
      {tool(
        'quote',
        <span aria-hidden style={{ fontSize: 16, lineHeight: 1 }}>
          ❝
        </span>,
        () => chain().toggleBlockquote().run(),
        { active: s.quote },
      )}
      {tool('hr', <MinusOutlined />, () => chain().setHorizontalRule().run())}
      <Divider orientation="vertical" />
      {tool('link', <LinkOutlined />, onLink, { active: s.link, shortcut: `${mod}K` })}
      {tool('unlink', <DisconnectOutlined />, () => chain().extendMarkRange('link').unsetLink().run(), { off: !s.link })}
      {tool('image', <PictureOutlined />, onImage)}
      {tool('clear', <ClearOutlined />, () => chain().unsetAllMarks().unsetTextAlign().run())}
      <Divider orientation="vertical" />
      {tool('undo', <UndoOutlined />, () => chain().undo().run(), { off: !s.undo, shortcut: `${mod}Z` })}
      {tool('redo', <RedoOutlined />, () => chain().redo().run(), { off: !s.redo, shortcut: isMac ? '⌘Shift+Z' : 'Ctrl+Y' })}
      <div style={{ flex: 1 }} />
      {extra}
    </div>
  );
}
