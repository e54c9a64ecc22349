"""Alliance custom actions (rasa-sdk), grouped by concern in modules."""
