import type { RunStore } from '../stores/run/runStore';
import type { RunCommands } from './runCommands';

/** Run on selection's state and commands; one of each per window (main.tsx). */
export interface RunServices {
  store: RunStore;
  commands: RunCommands;
}
