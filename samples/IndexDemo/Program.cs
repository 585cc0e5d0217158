Console.WriteLine("Index demo");
