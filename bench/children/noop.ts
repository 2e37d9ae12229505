// Does nothing: node's own start-up and exit, the floor under `dashscope-verify --help`.
export {};
