// STUB: the language server entry (`zhoubao-language-server --stdio`).
export {};
