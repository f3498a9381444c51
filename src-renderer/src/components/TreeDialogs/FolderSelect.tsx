import type { TreeFolder } from '../../../../src-preload/api';
import { folderOptions, NOT_IN_FOLDERS, TOP_LEVEL } from '../../stores/tree/settingsForm.logic';

/** "My folders" and every folder, indented; `allowNone` adds "not in My folders" (synced hosts). */
export function FolderSelect({
  control,
  folders,
  value,
  exclude,
  allowNone,
  onChange,
}: {
  control: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };
  folders: readonly TreeFolder[];
  value: string;
  exclude?: string;
  allowNone?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <select
      {...control}
      className="form-input"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      {allowNone ? <option value={NOT_IN_FOLDERS}>Not in My folders (only in its source)</option> : null}
      <option value={TOP_LEVEL}>My folders (top level)</option>
      {folderOptions(folders, exclude).map((option) => (
        <option key={option.value} value={option.value}>
          {`${'\u2003'.repeat(option.depth)}${option.label}`}
        </option>
      ))}
    </select>
  );
}
