/** The language's id in VS Code (package.json `contributes.languages`). */
export const LANGUAGE_ID = 'failover';
