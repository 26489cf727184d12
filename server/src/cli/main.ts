// STUB: the command-line tool (`zhoubao check …`).
export {};
