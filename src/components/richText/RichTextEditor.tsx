import { ActionIcon, Button, Group, Input, Popover, Stack, TextInput, Tooltip } from '@mantine/core';
import { useId } from '@mantine/hooks';
import {
  IconBold,
  IconH2,
  IconH3,
  IconItalic,
  IconLink,
  IconLinkOff,
  IconList,
  IconListNumbers,
  type Icon as TablerIcon,
} from '@tabler/icons-react';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import classes from './RichTextEditor.module.css';

export interface RichTextEditorHandle {
  focus: () => void;
}

export interface RichTextEditorProps {
  label: string;
  /** The starting HTML. Later changes to it are not pushed into the editor: remount (change `key`) to reset. */
  initialValue: string;
  /** The HTML after every change; an editor with no content reports ''. */
  onChange: (html: string) => void;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  ref?: Ref<RichTextEditorHandle>;
}

const LINK_PATTERN = /^(?:https?:\/\/\S+|mailto:\S+@\S+)$/i;

interface ToolbarButtonProps {
  label: string;
  icon: TablerIcon;
  onClick: () => void;
  active?: boolean;
  disabled?: boolean;
}

function ToolbarButton({ label, icon: IconComponent, onClick, active, disabled }: ToolbarButtonProps) {
  return (
    <Tooltip label={label} openDelay={400} withinPortal>
      <ActionIcon
        variant={active ? 'light' : 'subtle'}
        color={active ? undefined : 'gray'}
        size="md"
        aria-label={label}
        aria-pressed={active === undefined ? undefined : active}
        disabled={disabled}
        // Keeps the editor's selection while the toolbar is clicked.
        onMouseDown={(event) => event.preventDefault()}
        onClick={onClick}
        data-toolbar-button
      >
        <IconComponent size={18} stroke={1.75} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}

function LinkButton({ editor }: { editor: Editor }) {
  const [opened, setOpened] = useState(false);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const active = useEditorState({ editor, selector: ({ editor: current }) => current.isActive('link') });

  const open = () => {
    setAddress((editor.getAttributes('link').href as string | undefined) ?? '');
    setError(null);
    setOpened(true);
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const href = address.trim();
    if (!LINK_PATTERN.test(href)) {
      setError('Enter a web address starting with https:// (or a mailto: address)');
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      chain.extendMarkRange('link').setLink({ href }).run();
    }
    setOpened(false);
  };

  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon
          variant={active ? 'light' : 'subtle'}
          color={active ? undefined : 'gray'}
          size="md"
          aria-label={active ? 'Edit link' : 'Add link'}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => (opened ? setOpened(false) : open())}
          data-toolbar-button
        >
          <IconLink size={18} stroke={1.75} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown aria-label="Link">
        {/* A div, not a form: the editor sits inside the composer's form, and forms can't nest. */}
        <Stack
          gap="xs"
          w={300}
          onKeyDown={(event) => {
            if (event.key === 'Enter') apply(event);
          }}
        >
          <TextInput
            label="Link address"
            placeholder="https://"
            value={address}
            onChange={(event) => setAddress(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button size="xs" onClick={apply}>
              Apply link
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Arrow keys move between toolbar buttons; Tab leaves the toolbar (one tab stop, as ARIA's toolbar pattern asks). */
function moveToolbarFocus(event: KeyboardEvent<HTMLDivElement>) {
  const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const buttons = [
    ...event.currentTarget.querySelectorAll<HTMLButtonElement>('[data-toolbar-button]'),
  ].filter((button) => !button.disabled);
  const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (current === -1) return;
  event.preventDefault();
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? buttons.length - 1
        : (current + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[next]?.focus();
}

function Toolbar({ editor, controls }: { editor: Editor; controls: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      heading2: current.isActive('heading', { level: 2 }),
      heading3: current.isActive('heading', { level: 3 }),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      link: current.isActive('link'),
    }),
  });
  const run = (command: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => () =>
    command(editor.chain().focus()).run();

  return (
    <div
      className={classes.toolbar}
      role="toolbar"
      aria-label="Formatting"
      aria-controls={controls}
      onKeyDown={moveToolbarFocus}
    >
      <ToolbarButton label="Bold" icon={IconBold} active={state.bold} onClick={run((c) => c.toggleBold())} />
      <ToolbarButton
        label="Italic"
        icon={IconItalic}
        active={state.italic}
        onClick={run((c) => c.toggleItalic())}
      />
      <span className={classes.separator} aria-hidden />
      <ToolbarButton
        label="Heading"
        icon={IconH2}
        active={state.heading2}
        onClick={run((c) => c.toggleHeading({ level: 2 }))}
      />
      <ToolbarButton
        label="Subheading"
        icon={IconH3}
        active={state.heading3}
        onClick={run((c) => c.toggleHeading({ level: 3 }))}
      />
      <span className={classes.separator} aria-hidden />
      <ToolbarButton
        label="Bulleted list"
        icon={IconList}
        active={state.bulletList}
        onClick={run((c) => c.toggleBulletList())}
      />
      <ToolbarButton
        label="Numbered list"
        icon={IconListNumbers}
        active={state.orderedList}
        onClick={run((c) => c.toggleOrderedList())}
      />
      <span className={classes.separator} aria-hidden />
      <LinkButton editor={editor} />
      <ToolbarButton
        label="Remove link"
        icon={IconLinkOff}
        disabled={!state.link}
        onClick={run((c) => c.extendMarkRange('link').unsetLink())}
      />
    </div>
  );
}

/** A Tiptap editor with a small Mantine toolbar (bold, italic, headings, lists, links) that reads and writes HTML. */
export function RichTextEditor({
  label,
  initialValue,
  onChange,
  description,
  error,
  required,
  ref,
}: RichTextEditorProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const editorId = `${id}-editor`;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const describedBy = [description ? descriptionId : null, error ? errorId : null].filter(Boolean).join(' ');
  const attributes: Record<string, string> = {
    id: editorId,
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-labelledby': labelId,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(error ? { 'aria-invalid': 'true' } : {}),
    ...(required ? { 'aria-required': 'true' } : {}),
  };
  const attributesKey = JSON.stringify(attributes);

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, protocols: ['mailto'] },
      }),
    ],
    content: initialValue,
    editorProps: { attributes },
    onUpdate: ({ editor: current }) => onChangeRef.current(current.isEmpty ? '' : current.getHTML()),
  });

  // The error and description come and go after the editor exists; its attributes follow them.
  useEffect(() => {
    editor.setOptions({ editorProps: { attributes: JSON.parse(attributesKey) as Record<string, string> } });
  }, [editor, attributesKey]);

  useImperativeHandle(ref, () => ({ focus: () => editor.commands.focus() }), [editor]);

  return (
    <Stack gap={4}>
      <Input.Label id={labelId} required={required} onClick={() => editor.commands.focus()}>
        {label}
      </Input.Label>
      {description ? <Input.Description id={descriptionId}>{description}</Input.Description> : null}
      <div className={classes.frame} data-invalid={error ? true : undefined}>
        <Toolbar editor={editor} controls={editorId} />
        <EditorContent editor={editor} className={classes.content} />
      </div>
      {error ? <Input.Error id={errorId}>{error}</Input.Error> : null}
    </Stack>
  );
}
