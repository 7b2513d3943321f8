"""What every app shares: Vietnamese text helpers, rich-text sanitising, body blocks, mixins."""
