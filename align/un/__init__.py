"""UN document conventions: the structure parser, masthead metadata, language
detection and sentence splitting for the six UN languages."""
