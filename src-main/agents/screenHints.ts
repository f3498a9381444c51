/** What a snapshot's screen suggests the agent do next: answer a prompt, leave a pager, quit an editor. */
export type ScreenHint = 'prompt' | 'password_prompt' | 'pager' | 'editor' | 'fullscreen' | 'dead';

export interface ScreenFacts {
  /** The visible screen, top to bottom, plain text. */
  lines: readonly string[];
  /** Cursor row on the visible screen (0 = top). */
  cursorY: number;
  /** The alternate screen is on: a full-screen program (editor, pager, top) runs. */
  alternate: boolean;
  dead: boolean;
}

const PASSWORD = /(password|passphrase|passcode|verification code|\bPIN\b)[^\n]*[:?]\s*$/i;
const PAGER_LINE =
  /^(?::|\(END\)|--More--.*|.*\blines? \d+(-\d+)?(\/\d+)?.*\(press h for help or q to quit\)|Manual page .*)\s*$/;
const EDITOR = /-- (INSERT|VISUAL|REPLACE)( LINE| BLOCK)? --|GNU nano|\^X Exit|^"[^"]*" \d+L, \d+[BC]/;
const PROMPT_END = /[$#%>❯»]\s?$/;

export function screenHints(facts: ScreenFacts): ScreenHint[] {
  if (facts.dead) return ['dead'];
  const cursorLine = (facts.lines[facts.cursorY] ?? '').replace(/\s+$/, '');
  const lastLine = [...facts.lines].reverse().find((line) => line.trim().length > 0) ?? '';
  if (PASSWORD.test(cursorLine)) return ['password_prompt'];
  if (facts.alternate) {
    const tildes = facts.lines.filter((line) => /^~\s*$/.test(line)).length;
    if (tildes >= 2 || facts.lines.some((line) => EDITOR.test(line))) return ['editor'];
    if (PAGER_LINE.test(lastLine.trim()) || PAGER_LINE.test(cursorLine.trim())) return ['pager'];
    return ['fullscreen'];
  }
  if (PAGER_LINE.test(cursorLine.trim()) && cursorLine.trim() !== '') return ['pager'];
  if (PROMPT_END.test(cursorLine)) return ['prompt'];
  return [];
}
