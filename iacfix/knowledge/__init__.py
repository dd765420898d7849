"""Provider knowledge: facts about the prebuilt provider bindings, derived from their jsii assembly."""
