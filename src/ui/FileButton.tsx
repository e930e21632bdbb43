import type { ReactNode } from 'react';

/**
 * A button that opens the file picker (a label over a hidden input, styled `.file-button`).
 * The input is emptied after each pick, so choosing the same file again still counts.
 */
export function FileButton({
  children,
  accept,
  multiple = false,
  disabled,
  testId,
  onFiles,
}: {
  children: ReactNode;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  testId: string;
  onFiles: (files: File[]) => void;
}) {
  return (
    <label className="file-button">
      {children}
      <input
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        data-testid={testId}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          onFiles(files);
        }}
      />
    </label>
  );
}
