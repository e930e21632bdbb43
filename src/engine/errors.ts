/** An input the engine refuses; `message` is Spanish and meant for the student. */
export class EngineInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineInputError';
  }
}
