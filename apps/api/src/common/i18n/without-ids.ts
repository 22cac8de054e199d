const UUID_MENTION = /\s*[(（]?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[)）]?/gi;

/** A reason shown to people without the ids it may name (with their brackets): notices never show UUIDs. */
export const withoutIds = (text: string) => text.replace(UUID_MENTION, '');
