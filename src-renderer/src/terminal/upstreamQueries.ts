/**
 * Under tmux, the pane's own terminal is tmux: it answers what a program asks its terminal (device
 * attributes, cursor position, colours, modes) before the bytes ever reach xterm.js. xterm.js sees the
 * same bytes (tmux control mode hands over everything the program writes) and would answer a second
 * time, and that second answer would arrive at the program as typed garbage (`^[[?1;2c` at a vim or
 * shell prompt). So a view of a tmux session swallows these queries; a direct session answers them.
 */

interface FunctionIdentifier {
  prefix?: string;
  intermediates?: string;
  final: string;
}

/** The slice of xterm.js's parser API used here (the same in @xterm/xterm and @xterm/headless). */
export interface QueryParser {
  registerCsiHandler(id: FunctionIdentifier, callback: () => boolean): { dispose(): void };
  registerDcsHandler(id: FunctionIdentifier, callback: () => boolean): { dispose(): void };
  registerOscHandler(ident: number, callback: (data: string) => boolean): { dispose(): void };
}

/** CSI sequences xterm.js answers: DA1, DA2, DSR (ANSI and DEC), DECRQM, XTVERSION, kitty keyboard query. */
const ANSWERED_CSI: readonly FunctionIdentifier[] = [
  { final: 'c' },
  { prefix: '>', final: 'c' },
  { final: 'n' },
  { prefix: '?', final: 'n' },
  { intermediates: '$', final: 'p' },
  { prefix: '?', intermediates: '$', final: 'p' },
  { prefix: '>', final: 'q' },
  { prefix: '?', final: 'u' },
];

/** OSC colour numbers whose "?" form asks for a report. */
const COLOUR_OSC = [4, 10, 11, 12] as const;

/** Registers the swallowing handlers; dispose() lets xterm.js answer again. */
export function ignoreTerminalQueries(parser: QueryParser): { dispose(): void } {
  const handled = (): boolean => true;
  const registrations = [
    ...ANSWERED_CSI.map((id) => parser.registerCsiHandler(id, handled)),
    // DECRQSS: "what is your setting for …".
    parser.registerDcsHandler({ intermediates: '$', final: 'q' }, handled),
    // Setting a colour still reaches xterm.js; only the query form is swallowed.
    ...COLOUR_OSC.map((ident) => parser.registerOscHandler(ident, (data) => data.split(';').includes('?'))),
  ];
  return {
    dispose: () => {
      for (const registration of registrations) registration.dispose();
    },
  };
}
