// A file the page holds (dropped, pasted, chosen in the file input) as the contract carries it:
// its name, the type the browser declared, and its bytes in base64.
export interface PageFile {
  name: string;
  type?: string;
  data: string;
}

export function readPageFile(file: File): Promise<PageFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read`));
    reader.onload = () => {
      const url = String(reader.result);
      // "data:<type>;base64,<data>": only the data travels; the type is the browser's claim, checked against the bytes.
      resolve({ name: file.name || 'pasted.png', ...(file.type ? { type: file.type } : {}), data: url.slice(url.indexOf(',') + 1) });
    };
    reader.readAsDataURL(file);
  });
}

/** What a paste or drop brought that is a file (a screenshot pasted has no name: it gets one). */
export function filesOf(list: DataTransfer | null): File[] {
  if (!list) return [];
  return Array.from(list.files);
}
