/** Types of values-table.mjs for the tests. */
export declare const START: string;
export declare const END: string;
export declare const VALUES_PATH: string;
export declare const DOC_PATH: string;
export interface ValuesRow {
  key: string;
  type: string;
  default: string;
  description: string;
}
export declare function valuesRows(yamlText: string): ValuesRow[];
export declare function renderValuesTable(yamlText: string): string;
export declare function replaceTable(doc: string, table: string): string;
