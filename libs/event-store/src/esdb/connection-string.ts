/** The connection string with any password replaced, safe to print. */
export function redactConnectionString(connectionString: string): string {
  // Greedy up to the last @ before the path or query: a password may itself contain @.
  return connectionString.replace(/(:\/\/[^:@/?]*):[^/?]*@/, '$1:***@');
}
